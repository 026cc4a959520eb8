using OccluNet.Live.Evaluation;

namespace OccluNet.Live.Trajectories.Tests;

/// <summary>The exact McNemar p-value against values computed independently with exact rationals (Python fractions).</summary>
public sealed class McNemarTests
{
    [TestCase(1, 9, 0.021484375)]          // 2 * (1 + 10) / 2^10
    [TestCase(0, 10, 0.001953125)]         // 2 * 1 / 2^10
    [TestCase(3, 7, 0.34375)]              // 2 * (1 + 10 + 45 + 120) / 2^10
    [TestCase(2, 20, 0.00012111663818359375)]
    [TestCase(40, 70, 0.005447429511444482)]
    [TestCase(1500, 1600, 0.07537169707532781)] // 2^3100 overflows a double: the big-integer path
    public void ExactPValueMatchesIndependentValues(int b, int c, double expected)
    {
        Assert.That(McNemarTest.ExactPValue(b, c), Is.EqualTo(expected).Within(1e-12 * expected));
        Assert.That(McNemarTest.ExactPValue(c, b), Is.EqualTo(McNemarTest.ExactPValue(b, c)), "two-sided: symmetric");
    }

    [TestCase(0, 0)]
    [TestCase(0, 1)]
    [TestCase(5, 5)]
    public void PValueIsCappedAtOne(int b, int c) =>
        Assert.That(McNemarTest.ExactPValue(b, c), Is.EqualTo(1.0));

    [Test]
    public void NegativeCountsAreRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => McNemarTest.ExactPValue(-1, 3));

    [Test]
    public void CompareCountsDiscordantRunsOfTwoReports()
    {
        // A finds r0..r9, B finds r0 and r11: both r0, only A r1..r9, only B r11, neither r10.
        var a = new EvaluationReport(Enumerable.Range(0, 12).Select(i => Outcomes.Positive($"r{i}", found: i < 10)).ToList());
        var b = new EvaluationReport(Enumerable.Range(0, 12).Select(i => Outcomes.Positive($"r{i}", found: i == 0 || i == 11)).ToList());

        McNemarResult r = McNemarTest.Compare(a, b, "A", "B");

        Assert.That((r.BothCorrect, r.OnlyFirstCorrect, r.OnlySecondCorrect, r.NeitherCorrect), Is.EqualTo((1, 9, 1, 1)));
        Assert.That(r.PValue, Is.EqualTo(0.021484375).Within(1e-15));
        Assert.That(r.Statistic, Is.EqualTo(1));
        Assert.That(r.ToText(), Does.Contain("only A 9").And.Contain("p = 0.02148"));
    }

    [Test]
    public void NegativesCountAsCorrectWhenLeftWithoutATrajectory()
    {
        var a = new EvaluationReport(new[] { Outcomes.Negative("n1", alarm: false), Outcomes.Negative("n2", alarm: true) });
        var b = new EvaluationReport(new[] { Outcomes.Negative("n1", alarm: true), Outcomes.Negative("n2", alarm: true) });

        McNemarResult r = McNemarTest.Compare(a, b);

        Assert.That((r.BothCorrect, r.OnlyFirstCorrect, r.OnlySecondCorrect, r.NeitherCorrect), Is.EqualTo((0, 1, 0, 1)));
    }

    [Test]
    public void ReportsOverDifferentRunsAreRefused()
    {
        var a = new EvaluationReport(new[] { Outcomes.Positive("x", true), Outcomes.Positive("y", true) });
        var b = new EvaluationReport(new[] { Outcomes.Positive("x", true), Outcomes.Positive("z", true) });

        var e = Assert.Throws<ArgumentException>(() => McNemarTest.Compare(a, b));
        Assert.That(e!.Message, Does.Contain("2 run(s)").And.Contain("'y'"));
    }
}
