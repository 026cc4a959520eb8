using OccluNet.Live.Domain;

namespace OccluNet.Live.Trajectories;

/// <summary>
/// Links detections into trajectories one frame at a time and keeps the best so far. Feeding a whole run frame by frame
/// gives exactly the offline answer (<see cref="TrajectoryFinder"/> is this class fed a whole run).
/// <para>
/// The rule it reproduces (authors' temp_cont.py, generalised by <see cref="TrajectoryOptions"/>): every detection of the
/// frame's top-k starts a trajectory; a trajectory is extended by the first detection (best first) of a later frame that
/// links to its last point, and ends when more than <see cref="TrajectoryOptions.MaxGap"/> frames pass without one. The best
/// trajectory has the highest score; ties go to the earlier start (frame, then rank).
/// </para>
/// <para>
/// To stay O(k) per frame instead of keeping every suffix alive, a trajectory is dropped when another one that ends at the
/// same detection started earlier and has at least its confidence sum and length: whatever comes later, that one scores at
/// least as much, wins ties and is at least as long, so the dropped one could never be the best.
/// </para>
/// <para>
/// Only trajectories of at least <see cref="TrajectoryOptions.MinPoints"/> points can be the best; shorter ones are kept
/// growing but never shown.
/// </para>
/// Not thread-safe: one owner calls it, frames in increasing index order. Missing frame indices count as frames without detections.
/// </summary>
public sealed class TrajectoryTracker
{
    List<Trajectory> active = new();
    Trajectory? bestFinished;

    public TrajectoryTracker(TrajectoryOptions? options = null)
    {
        Options = options ?? TrajectoryOptions.Paper;
        Options.Validate();
    }

    public TrajectoryOptions Options { get; }

    /// <summary>The best trajectory over the frames added so far; null until a detection has been kept.</summary>
    public Trajectory? Best { get; private set; }

    /// <summary>Trajectories that a later frame may still extend (after pruning).</summary>
    public IReadOnlyList<Trajectory> Active => active;

    /// <summary>The index of the last frame added; null after construction or <see cref="Reset"/>.</summary>
    public int? LastFrameIndex { get; private set; }

    /// <summary>Adds the next frame's detections and returns the best trajectory so far.</summary>
    public Trajectory? Add(FrameDetections frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (LastFrameIndex is int last && frame.FrameIndex <= last)
            throw new ArgumentException($"frame {frame.FrameIndex} arrived after frame {last}; frames must come in increasing index order", nameof(frame));
        TrajectoryPoint[] candidates = FrameCandidates.Select(frame, Options);
        var next = new List<Trajectory>(active.Count + candidates.Length);
        foreach (Trajectory t in active)
            if (Continue(t, frame.FrameIndex, candidates) is Trajectory continued) next.Add(continued);
        foreach (TrajectoryPoint c in candidates) next.Add(Trajectory.StartAt(c));
        active = Prune(next);
        LastFrameIndex = frame.FrameIndex;
        Best = BestOf(active, bestFinished);
        return Best;
    }

    /// <summary>Forgets everything (a new run).</summary>
    public void Reset()
    {
        active = new List<Trajectory>();
        bestFinished = null;
        Best = null;
        LastFrameIndex = null;
    }

    /// <summary>The trajectory extended by the frame, still waiting within its gap tolerance, or null when it has ended.</summary>
    Trajectory? Continue(Trajectory t, int frameIndex, TrajectoryPoint[] candidates)
    {
        long deadline = (long)t.LastFrame + Options.MaxGap + 1; // the last frame that may still extend it
        if (frameIndex <= deadline)
            foreach (TrajectoryPoint c in candidates)
                if (Options.Links(t.Last.CenterX, t.Last.CenterY, c.Detection.Box)) return t.Extend(c);
        if (frameIndex < deadline) return t;
        Finish(t);
        return null;
    }

    void Finish(Trajectory t)
    {
        if (Counts(t) && (bestFinished == null || t.IsBetterThan(bestFinished))) bestFinished = t;
    }

    bool Counts(Trajectory t) => t.Length >= Options.MinPoints;

    static List<Trajectory> Prune(List<Trajectory> trajectories)
    {
        var kept = new List<Trajectory>(trajectories.Count);
        foreach (IGrouping<(int, int), Trajectory> sameEnd in trajectories.GroupBy(t => (t.Last.FrameIndex, t.Last.Rank)))
            foreach (Trajectory t in sameEnd)
                if (!sameEnd.Any(other => Dominates(other, t))) kept.Add(t);
        return kept;
    }

    /// <summary>
    /// <paramref name="a"/> ends where <paramref name="b"/> ends, started earlier and has no smaller sum or length: any common
    /// future adds the same to both, so a's score stays >= b's (rounding is monotone) and a wins ties.
    /// </summary>
    static bool Dominates(Trajectory a, Trajectory b) =>
        a.StartsBefore(b) && a.ConfidenceSum >= b.ConfidenceSum && a.Length >= b.Length;

    Trajectory? BestOf(List<Trajectory> active, Trajectory? best)
    {
        foreach (Trajectory t in active)
            if (Counts(t) && (best == null || t.IsBetterThan(best))) best = t;
        return best;
    }
}
