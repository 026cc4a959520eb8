namespace OccluNet.Live.Capture.Writing;

/// <summary>
/// How a run's frame times are written: one Frame Time when the spacing is equal (within 1 µs), otherwise a Frame
/// Time Vector of increments (the first increment is 0, as Part 3 C.7.6.5.1.2 defines it).
/// </summary>
internal sealed record XaRunTiming(double? FrameTimeMs, IReadOnlyList<double> Increments)
{
    const double EqualToleranceMs = 1e-3;

    public static XaRunTiming From(IReadOnlyList<double> timesMs)
    {
        var increments = new double[timesMs.Count];
        for (var i = 1; i < timesMs.Count; i++) increments[i] = timesMs[i] - timesMs[i - 1];
        if (timesMs.Count < 2) return new XaRunTiming(null, increments);
        var first = increments[1];
        var equal = first > 0 && increments.Skip(1).All(d => Math.Abs(d - first) <= EqualToleranceMs);
        return new XaRunTiming(equal ? (timesMs[^1] - timesMs[0]) / (timesMs.Count - 1) : null, increments);
    }
}
