using OccluNet.Live.Domain;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>
/// The AI's answer for one frame, tagged with that frame and so with its run (<see cref="RunNumber"/>): its detections (image pixels, best first), the best trajectory
/// of the run so far, the timings, the letterbox used, and how many windows this pipeline has skipped so far.
/// Immutable; no tensors.
/// </summary>
public sealed record LiveResult(
    LiveFrame Frame,
    int TriggerFrameIndex,
    FrameDetections Detections,
    Trajectory? Best,
    Letterbox Letterbox,
    ResultTimings Timings,
    long SkippedWindows)
{
    public int FrameIndex => Frame.Index;

    /// <summary>The run this result belongs to: every consumer attributes results by it, never by arrival order.</summary>
    public int RunNumber => Frame.RunNumber;

    /// <summary>How old the picture this result describes is: <paramref name="now"/> minus its frame's arrival.</summary>
    public TimeSpan AgeAt(TimeSpan now) => now - Frame.Arrival;
}
