using System.Diagnostics;

namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>The one clock every pipeline timestamp is on: monotonic, since process start (durations, never wall time).</summary>
public static class PipelineClock
{
    static readonly long s_origin = Stopwatch.GetTimestamp();

    public static TimeSpan Now => Stopwatch.GetElapsedTime(s_origin);

    /// <summary>A <see cref="Stopwatch"/> timestamp on this clock.</summary>
    public static TimeSpan At(long stopwatchTimestamp) => Stopwatch.GetElapsedTime(s_origin, stopwatchTimestamp);
}
