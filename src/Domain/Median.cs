namespace OccluNet.Live.Domain;

/// <summary>The conventional median (the mean of the two middle values for an even count), for timings and drill scores alike.</summary>
public static class Median
{
    /// <summary>The median of <paramref name="values"/>; null for none.</summary>
    public static double? Of(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
