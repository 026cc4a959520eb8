using System.Diagnostics;

namespace OccluNet.Live.Overlay.Contract;

/// <summary>The one clock the overlay's times are on: monotonic, since process start (durations, never wall time).</summary>
public static class MonotonicClock
{
    static readonly long Origin = Stopwatch.GetTimestamp();

    public static TimeSpan Now => Stopwatch.GetElapsedTime(Origin);
}
