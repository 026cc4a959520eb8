using System.Text.Json;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Evaluation;

/// <summary>Every run's outcome and the per-class table built from them.</summary>
public sealed class EvaluationReport
{
    public EvaluationReport(IReadOnlyList<RunOutcome> outcomes, string name = "all runs")
    {
        Outcomes = outcomes;
        Name = name;
        Table = PerClassTable.FromOutcomes(outcomes);
    }

    /// <summary>What these runs are (e.g. "all runs", "timing-dependent subset (MinIP difficulty &lt;= 2)").</summary>
    public string Name { get; }

    public IReadOnlyList<RunOutcome> Outcomes { get; }

    public PerClassTable Table { get; }

    /// <summary>The same report restricted to the runs <paramref name="keep"/> accepts.</summary>
    public EvaluationReport Subset(Func<RunOutcome, bool> keep, string name) =>
        new(Outcomes.Where(keep).ToList(), name);

    /// <summary>The table as text, headed by <see cref="Name"/>.</summary>
    public string ToText() => $"{Name} ({Outcomes.Count} runs)\n{Table.ToText()}";

    /// <summary>The table and one line per run (verdict, best score and centre distance), in the project's JSON convention.</summary>
    public string ToJson() => JsonSerializer.Serialize(ToDocument(), DomainJson.Options);

    /// <summary>The serialisable form of <see cref="ToJson"/> (to nest in a larger document, e.g. beside a McNemar result).</summary>
    public object ToDocument() => new
    {
        name = Name,
        table = Table.Rows,
        runs = Outcomes.Select(o => new
        {
            runId = o.RunId,
            truthClass = o.TruthClass,
            verdict = o.Verdict,
            o.TruePositives,
            o.FalsePositives,
            o.FalseNegatives,
            bestScore = o.Best?.Score,
            bestFirstFrame = o.Best?.FirstFrame,
            bestLastFrame = o.Best?.LastFrame,
            centreDistance = o.CentreDistance,
            minipDifficulty = o.MinipDifficulty,
        }),
    };
}
