using static OccluNet.Live.Trajectories.Tests.Detections;

namespace OccluNet.Live.Trajectories.Tests;

/// <summary>When the live view first showed the run's final finding: the frame after which it became the tracker's best.</summary>
public sealed class FindShownTests
{
    [Test]
    public void ALaterTrajectoryIsShownFromTheFrameWhereItOvertakesTheEarlierOne()
    {
        // A: frames 0-1 at 0.9 (score 1.8 x 2 = 3.6). B: frames 2-5 at 0.5: 0.5, 2.0, 4.5 (> 3.6 at frame 4), 8.0.
        var frames = Run(At(100, 100, 0.9f), At(100, 100, 0.9f), At(300, 300, 0.5f), At(300, 300, 0.5f), At(300, 300, 0.5f), At(300, 300, 0.5f));

        var shown = TrajectoryFinder.FindShown(frames);

        Assert.That(shown.Best!.FirstFrame, Is.EqualTo(2));
        Assert.That(shown.ShownWithFrame, Is.EqualTo(4));
        Assert.That(shown.Best.Frames(), Is.EqualTo(TrajectoryFinder.FindBest(frames)!.Frames()), "the same best as FindBest");
    }

    [Test]
    public void AFindingThatLeadsFromItsStartIsShownWithItsFirstFrameAndNoneWithoutDetections()
    {
        var shown = TrajectoryFinder.FindShown(Run(null, At(50, 50, 0.4f), At(52, 50, 0.4f)));
        var nothing = TrajectoryFinder.FindShown(Run(null, null, null));

        Assert.That(shown.ShownWithFrame, Is.EqualTo(1));
        Assert.That(nothing, Is.EqualTo(new ShownTrajectory(null, null)));
    }
}
