using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Overlay.Contract;

/// <summary>
/// The one clock the overlay's times are on: monotonic, since process start (durations, never wall time). It is the
/// pipeline's clock, so that arrival times from the pipeline and the render loop's "now" can be subtracted.
/// </summary>
public static class MonotonicClock
{
    public static TimeSpan Now => PipelineClock.Now;
}
