using OccluNet.Live.Domain;

namespace OccluNet.Live.Trajectories;

/// <summary>The offline pass: a <see cref="TrajectoryTracker"/> fed a whole run, so it equals the live answer by construction.</summary>
public static class TrajectoryFinder
{
    /// <summary>The best trajectory of a run (frames in increasing index order), or null when no detection passes the options.</summary>
    public static Trajectory? FindBest(IEnumerable<FrameDetections> frames, TrajectoryOptions? options = null) => FindShown(frames, options).Best;

    /// <summary>
    /// The best trajectory of a run and the frame with which the live view first showed it as the run's finding: the
    /// first frame after which the tracker's best was this trajectory (the same start); null without a trajectory.
    /// </summary>
    public static ShownTrajectory FindShown(IEnumerable<FrameDetections> frames, TrajectoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var tracker = new TrajectoryTracker(options);
        // By a trajectory's start (frame, rank): the first frame after which it was the best.
        var firstBest = new Dictionary<(int Frame, int Rank), int>();
        foreach (FrameDetections frame in frames)
            if (tracker.Add(frame) is { } best) firstBest.TryAdd((best.Start.FrameIndex, best.Start.Rank), frame.FrameIndex);
        return tracker.Best is not { } final ? new ShownTrajectory(null, null)
            : new ShownTrajectory(final, firstBest[(final.Start.FrameIndex, final.Start.Rank)]);
    }
}

/// <summary>A run's best trajectory and the frame it was first shown with (both null when the run has none).</summary>
public sealed record ShownTrajectory(Trajectory? Best, int? ShownWithFrame);
