using System.Globalization;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Model.Checkpoints;

namespace OccluNet.Live.Training;

/// <summary>One candidate threshold on the sequence-level precision/recall curve.</summary>
public sealed record ThresholdResult(float ScoreThreshold, int TruePositives, int FalsePositives, int FalseNegatives, double? Precision, double? Recall)
{
    public double F1 => Precision is double p && Recall is double r && p + r > 0 ? 2 * p * r / (p + r) : 0;
}

/// <summary>
/// Chooses a model's detector score threshold on labelled runs it was not trained on. The runs are detected once at the
/// paper's 0.01; every candidate threshold then only filters those detections before the trajectories (top-1 per frame
/// of the detections above a threshold is the same as detecting at that threshold), so the sweep is cheap.
/// Criterion: highest F1, or with <c>minPrecision</c> the highest recall whose precision reaches it; ties go to the
/// lower threshold.
/// </summary>
public static class OperatingPointSearch
{
    /// <summary>0.01 (the paper) and 0.02 .. 0.95 in steps of 0.01.</summary>
    public static IReadOnlyList<float> Candidates { get; } =
        Enumerable.Range(1, 95).Select(i => (float)Math.Round(i / 100.0, 2)).ToArray();

    public static IReadOnlyList<ThresholdResult> Sweep(IReadOnlyList<RunPrediction> predictions, EvaluationOptions options, CancellationToken cancellationToken = default) =>
        Candidates.Select(threshold =>
        {
            var at = options with { Trajectories = options.Trajectories with { MinScore = Math.Max(threshold, options.Trajectories.MinScore) } };
            var all = SequenceEvaluator.Evaluate(predictions, at, cancellationToken: cancellationToken).Table.All;
            return new ThresholdResult(threshold, all.TruePositives, all.FalsePositives, all.FalseNegatives, all.Precision, all.Recall);
        }).ToArray();

    /// <summary>The chosen candidate; null when none reaches <paramref name="minPrecision"/> or nothing is ever found.</summary>
    public static ThresholdResult? Choose(IReadOnlyList<ThresholdResult> sweep, double? minPrecision = null)
    {
        var eligible = sweep.Where(r => r.TruePositives > 0 && (minPrecision is not double floor || r.Precision >= floor));
        return eligible.OrderBy(r => r.ScoreThreshold).MaxBy(r => Key(r, minPrecision)); // MaxBy keeps the first of equals
    }

    public static OperatingPoint ToOperatingPoint(ThresholdResult chosen, double? minPrecision, string data, bool mirrorAveraged = false) =>
        new(chosen.ScoreThreshold,
            minPrecision is double p ? string.Create(CultureInfo.InvariantCulture, $"highest recall with precision >= {p:0.###}") : "max F1",
            data, chosen.Precision, chosen.Recall, mirrorAveraged);

    static double Key(ThresholdResult r, double? minPrecision) => minPrecision is null ? r.F1 : r.Recall ?? 0;

    public static string ToText(IReadOnlyList<ThresholdResult> sweep, ThresholdResult? chosen)
    {
        var lines = new List<string> { "threshold     TP     FP     FN   P (%)   R (%)     F1" };
        foreach (var r in sweep)
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{r.ScoreThreshold,9:0.00} {r.TruePositives,6} {r.FalsePositives,6} {r.FalseNegatives,6} {Percent(r.Precision),7} {Percent(r.Recall),7} {r.F1,6:0.000}{(r == chosen ? "  <- chosen" : "")}"));
        return string.Join("\n", lines);
    }

    static string Percent(double? v) => v is double x ? (100 * x).ToString("0.0", CultureInfo.InvariantCulture) : "-";
}
