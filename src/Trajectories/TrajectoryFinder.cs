using OccluNet.Live.Domain;

namespace OccluNet.Live.Trajectories;

/// <summary>The offline pass: a <see cref="TrajectoryTracker"/> fed a whole run, so it equals the live answer by construction.</summary>
public static class TrajectoryFinder
{
    /// <summary>The best trajectory of a run (frames in increasing index order), or null when no detection passes the options.</summary>
    public static Trajectory? FindBest(IEnumerable<FrameDetections> frames, TrajectoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var tracker = new TrajectoryTracker(options);
        foreach (FrameDetections frame in frames) tracker.Add(frame);
        return tracker.Best;
    }
}
