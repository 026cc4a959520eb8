using System.Globalization;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Model.Checkpoints;

namespace OccluNet.Live.Training;

/// <summary>One candidate operating point on the sequence-level precision/recall curve: a threshold and a minimum of trajectory points.</summary>
/// <param name="NegativeRuns">Runs without a visible occlusion.</param>
/// <param name="NegativesBoxed">Of those, the runs that show a box.</param>
public sealed record ThresholdResult(float ScoreThreshold, int MinPoints, int TruePositives, int FalsePositives, int FalseNegatives, double? Precision, double? Recall,
    int NegativeRuns, int NegativesBoxed)
{
    public double F1 => Precision is double p && Recall is double r && p + r > 0 ? 2 * p * r / (p + r) : 0;

    /// <summary>The share of runs without occlusion that show a box (0 when there are none).</summary>
    public double NegativesBoxedShare => NegativeRuns == 0 ? 0 : (double)NegativesBoxed / NegativeRuns;
}

/// <summary>
/// Chooses a model's operating point on labelled runs it was not trained on: the detector score threshold and, when asked,
/// the points a trajectory needs before it is shown. The runs are detected once at the paper's 0.01; every candidate
/// threshold then only filters those detections before the trajectories (top-1 per frame of the detections above a
/// threshold is the same as detecting at that threshold), so the sweep is cheap.
/// Criterion: highest F1, or with <c>minPrecision</c> the highest recall whose precision reaches it, optionally only
/// among points that box at most a share of the runs without occlusion; ties go to fewer points (an earlier box), then
/// the lower threshold.
/// </summary>
public static class OperatingPointSearch
{
    /// <summary>0.01 (the paper) and 0.02 .. 0.95 in steps of 0.01.</summary>
    public static IReadOnlyList<float> Candidates { get; } =
        Enumerable.Range(1, 95).Select(i => (float)Math.Round(i / 100.0, 2)).ToArray();

    /// <summary>Every candidate threshold at each minimum of points in <paramref name="minPoints"/> (default: 1, the paper's).</summary>
    public static IReadOnlyList<ThresholdResult> Sweep(IReadOnlyList<RunPrediction> predictions, EvaluationOptions options, CancellationToken cancellationToken = default,
        IReadOnlyList<int>? minPoints = null) =>
        (minPoints ?? [1]).SelectMany(points => Candidates.Select(threshold =>
        {
            var at = options with { Trajectories = options.Trajectories with { MinScore = Math.Max(threshold, options.Trajectories.MinScore), MinPoints = points } };
            var table = SequenceEvaluator.Evaluate(predictions, at, cancellationToken: cancellationToken).Table;
            var (all, negatives) = (table.All, table.Row(PerClassTable.NoOcclusionRow)); // a negative run's only error is a false alarm
            return new ThresholdResult(threshold, points, all.TruePositives, all.FalsePositives, all.FalseNegatives, all.Precision, all.Recall,
                negatives?.Samples ?? 0, negatives?.FalsePositives ?? 0);
        })).ToArray();

    /// <summary>The chosen candidate; null when none reaches <paramref name="minPrecision"/> and <paramref name="maxNegativesBoxed"/>, or nothing is ever found.</summary>
    public static ThresholdResult? Choose(IReadOnlyList<ThresholdResult> sweep, double? minPrecision = null, double? maxNegativesBoxed = null)
    {
        var eligible = sweep.Where(r => r.TruePositives > 0
            && (minPrecision is not double floor || r.Precision >= floor)
            && (maxNegativesBoxed is not double ceiling || r.NegativesBoxedShare <= ceiling));
        return eligible.OrderBy(r => r.MinPoints).ThenBy(r => r.ScoreThreshold).MaxBy(r => Key(r, minPrecision)); // MaxBy keeps the first of equals
    }

    public static OperatingPoint ToOperatingPoint(ThresholdResult chosen, double? minPrecision, string data, bool mirrorAveraged = false, double? maxNegativesBoxed = null) =>
        new(chosen.ScoreThreshold, Criterion(minPrecision, maxNegativesBoxed), data, chosen.Precision, chosen.Recall, mirrorAveraged, chosen.MinPoints);

    static string Criterion(double? minPrecision, double? maxNegativesBoxed)
    {
        string goal = minPrecision is double p ? string.Create(CultureInfo.InvariantCulture, $"highest recall with precision >= {p:0.###}") : "max F1";
        return maxNegativesBoxed is double q ? string.Create(CultureInfo.InvariantCulture, $"{goal} and negative runs boxed <= {q:0.###}") : goal;
    }

    static double Key(ThresholdResult r, double? minPrecision) => minPrecision is null ? r.F1 : r.Recall ?? 0;

    public static string ToText(IReadOnlyList<ThresholdResult> sweep, ThresholdResult? chosen)
    {
        bool points = sweep.Any(r => r.MinPoints != 1);
        var lines = new List<string> { $"threshold{(points ? " points" : "")}     TP     FP     FN   P (%)   R (%)     F1  negatives boxed" };
        foreach (var r in sweep)
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{r.ScoreThreshold,9:0.00}{(points ? $" {r.MinPoints,6}" : "")} {r.TruePositives,6} {r.FalsePositives,6} {r.FalseNegatives,6} {Percent(r.Precision),7} {Percent(r.Recall),7} {r.F1,6:0.000}  {r.NegativesBoxed,4} / {r.NegativeRuns}{(r == chosen ? "  <- chosen" : "")}"));
        return string.Join("\n", lines);
    }

    static string Percent(double? v) => v is double x ? (100 * x).ToString("0.0", CultureInfo.InvariantCulture) : "-";
}
