namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>Nearest-rank percentiles (the value below or at which p % of the samples lie; p100 is the maximum).</summary>
public static class Percentile
{
    public static double Of(IEnumerable<double> values, double p)
    {
        double[] sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        int rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
