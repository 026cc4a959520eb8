using OccluNet.Live.Domain;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Pacs;

/// <summary>
/// Follows a run's best trajectory result by result, as the overlay shows it, and states the run's finding at the end:
/// the last result's best trajectory, shown on the frames whose result had a best trajectory with the same start
/// (frame and rank identify a trajectory as it grows). One rule for the live pipeline and for eval.
/// </summary>
public sealed class FindingFollower
{
    readonly List<(int Frame, int StartFrame, int StartRank)> shown = [];
    Trajectory? best;

    /// <summary>The run's final best trajectory, as the pipeline states it at the run's end.</summary>
    public void End(Trajectory? final) => this.best = final;

    public void Add(int frameIndex, Trajectory? best)
    {
        this.best = best;
        if (best is not null) shown.Add((frameIndex, best.Start.FrameIndex, best.Start.Rank));
    }

    /// <summary>A whole run's detections fed frame by frame through the live pipeline's tracker (eval --results).</summary>
    public static FindingFollower Follow(IEnumerable<FrameDetections> frames, TrajectoryOptions options)
    {
        var tracker = new TrajectoryTracker(options);
        var follower = new FindingFollower();
        foreach (var frame in frames) follower.Add(frame.FrameIndex, tracker.Add(frame));
        return follower;
    }

    public RunFinding? Finding(ClassSet classes) => this.best is { } best
        ? RunFinding.From(best, classes, shown.Where(s => s.StartFrame == best.Start.FrameIndex && s.StartRank == best.Start.Rank).Select(s => s.Frame))
        : null;
}
