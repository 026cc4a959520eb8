using System.Threading.Channels;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>
/// Every knob of the live graph in one validated record: the queue on each edge, the window policy, and the times after
/// which the status strip says "waiting for frames" or "stale". Presets: <see cref="Live"/> (the AI never slows the
/// source) and <see cref="Lossless"/> (every window detected, for deterministic replay at max speed).
/// </summary>
public sealed record PipelineOptions
{
    /// <summary>source -> preprocess. Live: drop the oldest when preprocessing falls 16 frames behind (counted).</summary>
    public QueueOptions FrameQueue { get; init; } = new(16, BoundedChannelFullMode.DropOldest);

    /// <summary>preprocess -> inference. Live: drop the oldest when the model falls 16 frames behind (counted; the window history then has a gap).</summary>
    public QueueOptions InputQueue { get; init; } = new(16, BoundedChannelFullMode.DropOldest);

    /// <summary>inference -> trajectory. Always lossless: results are small and the trajectory update takes microseconds.</summary>
    public QueueOptions ResultQueue { get; init; } = new(16, BoundedChannelFullMode.Wait);

    /// <summary>-> recorder, audit, console. Lossless: a recording and an audit trail must not have holes.</summary>
    public QueueOptions SinkQueue { get; init; } = new(1024, BoundedChannelFullMode.Wait);

    public WindowPolicy Windows { get; init; } = WindowPolicy.NewestWindow;

    /// <summary>A result whose frame arrived longer ago than this, while newer frames are shown, is stale.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>No frame for this long: status "waiting for frames".</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the status monitor re-checks stall and staleness.</summary>
    public TimeSpan StatusCheckInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Trajectory rules with distances in 640-space (the paper's); converted to image pixels per run. The live rule:
    /// the paper's with gaps of up to <see cref="TrajectoryOptions.LiveMaxGap"/> frames bridged, so that a missed frame
    /// does not restart the run's finding (<c>--bridge-gaps</c>; 0 is the paper's rule).
    /// </summary>
    public TrajectoryOptions Trajectories { get; init; } = TrajectoryOptions.Live;

    /// <summary>The live defaults: the AI never back-pressures the source or the display; stale windows are skipped.</summary>
    public static PipelineOptions Live { get; } = new();

    /// <summary>
    /// Nothing dropped, nothing skipped: a slow model slows the source. For replay at max speed and determinism checks.
    /// Results are never called stale: at max speed the source runs ahead by design and there is no clock to be late for.
    /// </summary>
    public static PipelineOptions Lossless { get; } = new()
    {
        FrameQueue = new(8, BoundedChannelFullMode.Wait),
        InputQueue = new(4, BoundedChannelFullMode.Wait),
        Windows = WindowPolicy.EveryWindow,
        StaleAfter = TimeSpan.FromDays(1),
    };

    /// <summary>
    /// The options of a replay at <paramref name="speed"/> (null: max). Max speed replays losslessly (every window, the
    /// source waits for the model: same detections as offline); paced replays behave like live (the model never slows
    /// the frames; stale windows are skipped and counted).
    /// </summary>
    public static PipelineOptions ForSpeed(double? speed) => speed is null ? Lossless : Live;

    public void Validate()
    {
        FrameQueue.Validate(nameof(FrameQueue));
        InputQueue.Validate(nameof(InputQueue));
        ResultQueue.Validate(nameof(ResultQueue));
        SinkQueue.Validate(nameof(SinkQueue));
        if (ResultQueue.FullMode != BoundedChannelFullMode.Wait) throw new ArgumentOutOfRangeException(nameof(ResultQueue), "ResultQueue must be Wait: a dropped result would break the trajectory");
        if (SinkQueue.FullMode != BoundedChannelFullMode.Wait) throw new ArgumentOutOfRangeException(nameof(SinkQueue), "SinkQueue must be Wait: recordings and audit trails must not have holes");
        if (!Enum.IsDefined(Windows)) throw new ArgumentOutOfRangeException(nameof(Windows), $"unknown window policy {Windows}");
        Positive(StaleAfter, nameof(StaleAfter));
        Positive(StallTimeout, nameof(StallTimeout));
        Positive(StatusCheckInterval, nameof(StatusCheckInterval));
        Trajectories.Validate();
    }

    static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(name, $"{name} must be positive (was {value})");
    }
}
