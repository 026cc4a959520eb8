using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;

namespace OccluNet.Live.Trajectories.Tests;

public sealed class PerClassTableTests
{
    static EvaluationReport Mixed() => new(new[]
    {
        Outcomes.Positive("m1-a", found: true, OcclusionClass.M1, difficulty: 0.5),
        Outcomes.Positive("m1-b", found: true, OcclusionClass.M1, difficulty: 4.0),
        Outcomes.Positive("m1-c", found: false, OcclusionClass.M1, difficulty: 1.0),
        Outcomes.Positive("ica-a", found: true, OcclusionClass.IntracranialIca, difficulty: 2.0),
        Outcomes.Negative("neg-a", alarm: true),
        Outcomes.Negative("neg-b", alarm: false),
    });

    [Test]
    public void RowsPerTruthClassThenNoneThenAll()
    {
        PerClassTable t = Mixed().Table;

        Assert.That(t.Rows.Select(r => r.Class), Is.EqualTo(new[] { "M1", "ICA-I", "none", "all" }));
        Assert.That(t.Row("M1"), Is.EqualTo(new ClassRow("M1", 3, 6, 2, 1, 1)), "2 visible frames per run; the mislocalised run is FP and FN");
        Assert.That(t.Row("none"), Is.EqualTo(new ClassRow("none", 2, 0, 0, 1, 0)));
        Assert.That(t.All, Is.EqualTo(new ClassRow("all", 6, 8, 3, 2, 1)));
        Assert.That(t.All.Precision, Is.EqualTo(0.6).Within(1e-12));
        Assert.That(t.All.Recall, Is.EqualTo(0.75).Within(1e-12));
        Assert.That(t.Row("none")!.Recall, Is.Null, "0/0 is undefined, not 0");
    }

    [Test]
    public void TextShowsPercentAndDashesForUndefined()
    {
        string text = Mixed().ToText();

        Assert.That(text, Does.StartWith("all runs (6 runs)"));
        Assert.That(text, Does.Contain("M1              3          6      2      1      1    66.7    66.7"));
        Assert.That(text, Does.Contain("none            2          0      0      1      0     0.0       -"));
        Assert.That(text, Does.Contain("all             6          8      3      2      1    60.0    75.0"));
    }

    [Test]
    public void JsonCarriesRowsWithFractionsAndNulls()
    {
        using JsonDocument doc = JsonDocument.Parse(Mixed().Table.ToJson());
        JsonElement rows = doc.RootElement.GetProperty("rows");

        Assert.That(rows.GetArrayLength(), Is.EqualTo(4));
        Assert.That(rows[3].GetProperty("class").GetString(), Is.EqualTo("all"));
        Assert.That(rows[3].GetProperty("precision").GetDouble(), Is.EqualTo(0.6).Within(1e-12));
        Assert.That(rows[2].GetProperty("recall").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void ReportJsonListsEveryRun()
    {
        using JsonDocument doc = JsonDocument.Parse(Mixed().ToJson());

        JsonElement runs = doc.RootElement.GetProperty("runs");
        Assert.That(runs.GetArrayLength(), Is.EqualTo(6));
        Assert.That(runs[2].GetProperty("verdict").GetString(), Is.EqualTo("Mislocalised"));
        Assert.That(runs[0].GetProperty("minipDifficulty").GetDouble(), Is.EqualTo(0.5));
        Assert.That(doc.RootElement.GetProperty("table").GetArrayLength(), Is.EqualTo(4));
    }

    [Test]
    public void TimingDependentSubsetKeepsScoredRunsAtOrBelowTheThreshold()
    {
        EvaluationReport subset = TimingDependentSubset.Of(Mixed(), 1.0);

        Assert.That(subset.Outcomes.Select(o => o.RunId), Is.EqualTo(new[] { "m1-a", "m1-c" }), "negatives have no score and are left out");
        Assert.That(subset.Name, Does.Contain("<= 1"));
        Assert.That(subset.Table.All.Samples, Is.EqualTo(2));
    }

    [Test]
    public void ThresholdForTheLowestFractionIsANearestRankQuantile()
    {
        IReadOnlyList<RunOutcome> outcomes = Mixed().Outcomes;

        Assert.That(TimingDependentSubset.ThresholdForLowest(outcomes, 0.5), Is.EqualTo(1.0), "scores 0.5, 1, 2, 4: the lower half ends at 1");
        Assert.That(TimingDependentSubset.ThresholdForLowest(outcomes, 1.0), Is.EqualTo(4.0));
        Assert.Throws<InvalidOperationException>(() => TimingDependentSubset.ThresholdForLowest(outcomes.Where(o => !o.IsPositive), 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimingDependentSubset.ThresholdForLowest(outcomes, 0));
    }
}
