using System.Diagnostics;

namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>The one clock every pipeline timestamp is on: monotonic, since process start (durations, never wall time).</summary>
public static class PipelineClock
{
    static readonly long Origin = Stopwatch.GetTimestamp();

    public static TimeSpan Now => Stopwatch.GetElapsedTime(Origin);

    /// <summary>A <see cref="Stopwatch"/> timestamp on this clock.</summary>
    public static TimeSpan At(long stopwatchTimestamp) => Stopwatch.GetElapsedTime(Origin, stopwatchTimestamp);
}
