using FsCheck;
using FsCheck.Fluent;
using FsCheckProperty = FsCheck.NUnit.PropertyAttribute;

namespace OccluNet.Live.Trajectories.Tests;

/// <summary>The live tracker, after every frame, gives the offline answer on the prefix, and both give the authors' literal algorithm.</summary>
public sealed class IncrementalEqualsOfflineProperties
{
    [FsCheckProperty(MaxTest = 400, QuietOnSuccess = true)]
    public Property TrackerAfterEveryFrameEqualsOfflineOnThePrefixAndTheLiteralAlgorithm() => Prop.ForAll(TrajectoryStreams.Arbitrary(), trackerAfterEveryFrameEqualsOfflineOnThePrefixAndTheLiteralAlgorithm);

    static bool trackerAfterEveryFrameEqualsOfflineOnThePrefixAndTheLiteralAlgorithm(Stream s)
    {
        var tracker = new TrajectoryTracker(s.Options);
        for (int n = 1; n <= s.Frames.Length; n++)
        {
            Trajectory? live = tracker.Add(s.Frames[n - 1]);
            FrameDetectionsPrefix prefix = new(s.Frames, n);
            Trajectory? offline = TrajectoryFinder.FindBest(prefix.Frames, s.Options);
            NaiveTrajectories.Result? reference = NaiveTrajectories.Best(prefix.Frames, s.Options);
            if (!Same(live, offline) || !Same(live, reference)) return false;
        }
        return true;
    }

    [FsCheckProperty(MaxTest = 200, QuietOnSuccess = true)]
    public Property ResetThenReplayGivesTheSameAnswer() => Prop.ForAll(TrajectoryStreams.Arbitrary(), resetThenReplayGivesTheSameAnswer);

    static bool resetThenReplayGivesTheSameAnswer(Stream s)
    {
        var tracker = new TrajectoryTracker(s.Options);
        foreach (var f in s.Frames) tracker.Add(f);
        Trajectory? first = tracker.Best;
        tracker.Reset();
        foreach (var f in s.Frames) tracker.Add(f);
        return Same(first, tracker.Best);
    }

    [FsCheckProperty(MaxTest = 200, QuietOnSuccess = true)]
    public Property ActiveTrajectoriesStayFewWithTopOneAndNoGaps() => Prop.ForAll(TrajectoryStreams.Arbitrary(), activeTrajectoriesStayFewWithTopOneAndNoGaps);

    static bool activeTrajectoriesStayFewWithTopOneAndNoGaps(Stream s)
    {
        var tracker = new TrajectoryTracker(s.Options with { TopK = 1, MaxGap = 0 });
        foreach (var f in s.Frames)
        {
            tracker.Add(f);
            if (tracker.Active.Count > 1) return false;
        }
        return true;
    }

    sealed record FrameDetectionsPrefix(Domain.FrameDetections[] All, int Count)
    {
        public Domain.FrameDetections[] Frames => All[..Count];
    }

    static bool Same(Trajectory? a, Trajectory? b) =>
        a == null ? b == null : b != null && a.Score == b.Score && a.Points.SequenceEqual(b.Points);

    static bool Same(Trajectory? a, NaiveTrajectories.Result? b) =>
        a == null ? b == null : b != null && a.Score == b.Score && a.Points.SequenceEqual(b.Points);
}
