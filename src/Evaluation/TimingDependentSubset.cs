namespace OccluNet.Live.Evaluation;

/// <summary>
/// The runs a MinIP image cannot decide: those whose truth file carries a MinIP difficulty score at or below a threshold.
/// Runs without a score (e.g. negatives, which have no no-occlusion twin, or data sets other than the phantom) are left out.
/// </summary>
public static class TimingDependentSubset
{
    public static bool Contains(RunOutcome outcome, double maxDifficulty) =>
        outcome.MinipDifficulty is double d && d <= maxDifficulty;

    public static EvaluationReport Of(EvaluationReport report, double maxDifficulty) =>
        report.Subset(o => Contains(o, maxDifficulty), $"timing-dependent subset (MinIP difficulty <= {maxDifficulty:G4})");

    /// <summary>The threshold that keeps the lowest <paramref name="fraction"/> of the scored runs (nearest-rank quantile).</summary>
    public static double ThresholdForLowest(IEnumerable<RunOutcome> outcomes, double fraction)
    {
        if (!(fraction > 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), $"fraction must be in (0, 1] (was {fraction})");
        double[] scores = outcomes.Select(o => o.MinipDifficulty).OfType<double>().Order().ToArray();
        if (scores.Length == 0) throw new InvalidOperationException("no run has a MinIP difficulty score (field \"minipDifficulty\" in its ground-truth JSON)");
        int rank = Math.Max(1, (int)Math.Ceiling(fraction * scores.Length));
        return scores[rank - 1];
    }
}
