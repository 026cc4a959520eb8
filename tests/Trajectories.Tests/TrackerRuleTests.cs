using OccluNet.Live.Domain;
using static OccluNet.Live.Trajectories.Tests.Detections;

namespace OccluNet.Live.Trajectories.Tests;

/// <summary>Hand-made runs, one per rule: linking, breaking, radius vs containment, gaps, ties, top-k, first match, score.</summary>
public sealed class TrackerRuleTests
{
    [Test]
    public void DetectionsWithinTheRadiusLinkAndTheScoreIsSumTimesLength()
    {
        Trajectory best = TrajectoryFinder.FindBest(Run(At(100, 100, 0.5f), At(120, 100, 0.25f), At(120, 124, 0.75f)))!;

        Assert.That(best.Frames(), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(best.ConfidenceSum, Is.EqualTo(1.5).Within(1e-9));
        Assert.That(best.Score, Is.EqualTo(4.5).Within(1e-9));
        Assert.That(best.Duration, Is.EqualTo(3));
    }

    [Test]
    public void RadiusIsInclusiveAndAJumpBeyondItBreaksTheTrajectory()
    {
        // (15, 20) is exactly 25 px away; (18, 18) is 25.46 px away.
        Trajectory linked = TrajectoryFinder.FindBest(Run(At(100, 100, 0.5f), At(115, 120, 0.5f)))!;
        Trajectory broken = TrajectoryFinder.FindBest(Run(At(100, 100, 0.5f), At(118, 118, 0.6f)))!;

        Assert.That(linked.Length, Is.EqualTo(2));
        Assert.That(broken.Length, Is.EqualTo(1));
        Assert.That(broken.FirstFrame, Is.EqualTo(1), "the higher one-frame trajectory wins");
    }

    [Test]
    public void AuthorsRuleLinksWhenTheEnlargedBoxContainsThePreviousCentre()
    {
        // 25 px boxes, 1 px margin: a centre shift of 13.5 px per axis is the limit.
        FrameDetections[] near = Run(At(100, 100, 0.5f), At(113.5f, 100, 0.5f));
        FrameDetections[] far = Run(At(100, 100, 0.5f), At(114, 100, 0.5f));

        Assert.That(TrajectoryFinder.FindBest(near, TrajectoryOptions.AuthorsCode)!.Length, Is.EqualTo(2));
        Assert.That(TrajectoryFinder.FindBest(far, TrajectoryOptions.AuthorsCode)!.Length, Is.EqualTo(1));
        Assert.That(TrajectoryFinder.FindBest(far, TrajectoryOptions.Paper)!.Length, Is.EqualTo(2), "14 px is inside the paper's 25 px radius");
    }

    [Test]
    public void AuthorsRuleDependsOnTheNextBoxSize()
    {
        FrameDetections[] run = Run(At(100, 100, 0.5f), At(120, 100, 0.5f, size: 40));

        Assert.That(TrajectoryFinder.FindBest(run, TrajectoryOptions.AuthorsCode)!.Length, Is.EqualTo(2));
    }

    [Test]
    public void AMinimumOfPointsKeepsABlipFromBeingTheFindingAndHoldsTheFindingBackUntilItIsReached()
    {
        // A one-frame blip at 0.9 (score 0.9) before a weaker trajectory of three points at 0.2 (0.2, 0.8, 1.8).
        FrameDetections[] run = Run(At(300, 300, 0.9f), At(100, 100, 0.2f), At(100, 100, 0.2f), At(100, 100, 0.2f));
        var three = TrajectoryOptions.Paper with { MinPoints = 3 };

        Assert.That(TrajectoryFinder.FindBest(run[..3])!.Frames(), Is.EqualTo(new[] { 0 }), "the paper's rule: the blip leads until frame 3");
        Assert.That(TrajectoryFinder.FindBest(run[..3], three), Is.Null, "no trajectory has three points yet");
        Assert.That(TrajectoryFinder.FindBest(run, three)!.Frames(), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(TrajectoryFinder.FindShown(run, three).ShownWithFrame, Is.EqualTo(3), "shown with its third point");
        Assert.That(TrajectoryFinder.FindBest(run, TrajectoryOptions.Paper with { MinPoints = 4 }), Is.Null);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrajectoryTracker(TrajectoryOptions.Paper with { MinPoints = 0 }));
        var detector = new DetectorInfo("m", "", "cpu", 640, 3, WindowMode.Centred, ClassSet.SingleClass, MinTrajectoryPoints: 3);
        Assert.That(TrajectoryOptions.Live.For(detector), Is.EqualTo(TrajectoryOptions.Live with { MinPoints = 3 }), "a detector's own points, the rest of the rule kept");
    }

    [Test]
    public void AFinishedTrajectoryShorterThanTheMinimumNeverComesBack()
    {
        // Two points at 0.9 end with a gap; a later single point cannot qualify either.
        FrameDetections[] run = Run(At(100, 100, 0.9f), At(100, 100, 0.9f), null, At(300, 300, 0.2f));

        Assert.That(TrajectoryFinder.FindBest(run, TrajectoryOptions.Paper with { MinPoints = 3 }), Is.Null);
        Assert.That(TrajectoryFinder.FindBest(run, TrajectoryOptions.Paper with { MinPoints = 2 })!.Frames(), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public void WithoutGapToleranceAnEmptyFrameEndsTheTrajectory()
    {
        FrameDetections[] run = Run(At(100, 100, 0.5f), At(100, 100, 0.5f), null, At(100, 100, 0.9f), At(100, 100, 0.9f));

        Trajectory best = TrajectoryFinder.FindBest(run)!;

        Assert.That(best.Frames(), Is.EqualTo(new[] { 3, 4 }));
    }

    [Test]
    public void GapToleranceBridgesThatManyFramesAndNoMore()
    {
        FrameDetections[] oneGap = Run(At(100, 100, 0.5f), null, At(100, 100, 0.5f));
        FrameDetections[] twoGaps = Run(At(100, 100, 0.5f), null, null, At(100, 100, 0.5f));
        var tolerant = TrajectoryOptions.Paper with { MaxGap = 1 };

        Trajectory bridged = TrajectoryFinder.FindBest(oneGap, tolerant)!;
        Assert.That(bridged.Frames(), Is.EqualTo(new[] { 0, 2 }));
        Assert.That(bridged.Length, Is.EqualTo(2));
        Assert.That(bridged.Duration, Is.EqualTo(3));
        Assert.That(bridged.Score, Is.EqualTo(2.0).Within(1e-9), "score counts member frames, not the span");
        Assert.That(TrajectoryFinder.FindBest(twoGaps, tolerant)!.Length, Is.EqualTo(1));
    }

    [Test]
    public void TheLiveRuleBridgesOneOrTwoMissedFramesWhereThePapersRestarts()
    {
        // ph701-ap in the issue: frames 4-6, a missed frame 7, frames 8-12.
        FrameDetections[] missedOne = Run(null, null, null, null, At(100, 100, 0.6f), At(100, 100, 0.6f), At(100, 100, 0.6f), null,
            At(100, 100, 0.6f), At(100, 100, 0.6f), At(100, 100, 0.6f), At(100, 100, 0.6f), At(100, 100, 0.6f));
        FrameDetections[] missedThree = Run(At(100, 100, 0.6f), null, null, null, At(100, 100, 0.6f));

        Assert.That(TrajectoryFinder.FindBest(missedOne, TrajectoryOptions.Paper)!.Frames(), Is.EqualTo(new[] { 8, 9, 10, 11, 12 }));
        Assert.That(TrajectoryFinder.FindBest(missedOne, TrajectoryOptions.Live)!.FirstFrame, Is.EqualTo(4), "one finding from frame 4");
        Assert.That(TrajectoryFinder.FindBest(Run(At(100, 100, 0.6f), null, null, At(100, 100, 0.6f)), TrajectoryOptions.Live)!.Length, Is.EqualTo(2), "two missed frames bridged");
        Assert.That(TrajectoryFinder.FindBest(missedThree, TrajectoryOptions.Live)!.Length, Is.EqualTo(1), "three are not");
        Assert.That(TrajectoryOptions.Live with { MaxGap = 0 }, Is.EqualTo(TrajectoryOptions.Paper), "otherwise the paper's rule");
    }

    [Test]
    public void AMissingFrameIndexCountsAsAFrameWithoutDetections()
    {
        FrameDetections[] run = { Frame(0, At(100, 100, 0.5f)), Frame(2, At(100, 100, 0.5f)) };

        Assert.That(TrajectoryFinder.FindBest(run)!.Length, Is.EqualTo(1));
        Assert.That(TrajectoryFinder.FindBest(run, TrajectoryOptions.Paper with { MaxGap = 1 })!.Length, Is.EqualTo(2));
    }

    [Test]
    public void EqualScoresGoToTheEarlierFrame()
    {
        Trajectory best = TrajectoryFinder.FindBest(Run(At(100, 100, 0.5f), At(300, 300, 0.5f)))!;

        Assert.That(best.FirstFrame, Is.EqualTo(0));
    }

    [Test]
    public void EqualScoresInOneFrameGoToTheBetterRankedDetection()
    {
        FrameDetections[] run = { Frame(0, At(100, 100, 0.5f), At(300, 300, 0.5f)) };

        Trajectory best = TrajectoryFinder.FindBest(run, TrajectoryOptions.Paper with { TopK = 2 })!;

        Assert.That(best.Start.Rank, Is.EqualTo(0));
        Assert.That(best.CenterX, Is.EqualTo(100f));
    }

    [Test]
    public void TopOneIgnoresTheSecondDetectionAndTopTwoFollowsIt()
    {
        // A steady second-ranked object in three frames, and a top-ranked one that jumps around.
        FrameDetections[] run =
        {
            Frame(0, At(100, 100, 0.9f), At(400, 400, 0.8f)),
            Frame(1, At(250, 100, 0.9f), At(400, 400, 0.8f)),
            Frame(2, At(100, 250, 0.9f), At(400, 400, 0.8f)),
        };

        Trajectory top1 = TrajectoryFinder.FindBest(run)!;
        Trajectory top2 = TrajectoryFinder.FindBest(run, TrajectoryOptions.Paper with { TopK = 2 })!;

        Assert.That(top1.Length, Is.EqualTo(1));
        Assert.That(top2.Length, Is.EqualTo(3));
        Assert.That(top2.CenterX, Is.EqualTo(400f));
    }

    [Test]
    public void TheFirstLinkingDetectionInScoreOrderIsTakenNotTheNearest()
    {
        FrameDetections[] run =
        {
            Frame(0, At(100, 100, 0.9f)),
            Frame(1, At(100, 100, 0.3f), At(120, 100, 0.6f)),
        };

        Trajectory best = TrajectoryFinder.FindBest(run, TrajectoryOptions.Paper with { TopK = 2 })!;

        Assert.That(best.Last.Detection.Score, Is.EqualTo(0.6f));
    }

    [Test]
    public void DetectorOrderDoesNotMatterTopKIsByScore()
    {
        FrameDetections[] run = { Frame(0, At(100, 100, 0.2f), At(300, 300, 0.7f)) };

        Assert.That(TrajectoryFinder.FindBest(run)!.CenterX, Is.EqualTo(300f));
    }

    [Test]
    public void ALongWeakTrajectoryCanBeatAShortStrongOne()
    {
        // 4 x 0.3: 1.2 x 4 = 4.8 beats 2 x 0.9: 1.8 x 2 = 3.6.
        FrameDetections[] run =
        {
            Frame(0, At(100, 100, 0.3f)), Frame(1, At(100, 100, 0.3f)), Frame(2, At(100, 100, 0.3f)), Frame(3, At(100, 100, 0.3f)),
            Frame(4, At(400, 400, 0.9f)), Frame(5, At(400, 400, 0.9f)),
        };

        Trajectory best = TrajectoryFinder.FindBest(run)!;

        Assert.That(best.Frames(), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(best.Score, Is.EqualTo(4.8).Within(1e-6));
    }

    [Test]
    public void DetectionsBelowTheMinimumScoreAreIgnored()
    {
        Assert.That(TrajectoryFinder.FindBest(Run(At(100, 100, 0.009f), At(100, 100, 0.005f))), Is.Null);
        Assert.That(TrajectoryFinder.FindBest(Run(At(100, 100, 0.01f)))!.Length, Is.EqualTo(1), "0.01 itself is kept");
        Assert.That(TrajectoryFinder.FindBest(Array.Empty<FrameDetections>()), Is.Null);
    }

    [Test]
    public void ClassAndRepresentativeBoxComeFromTheMostConfidentPoint()
    {
        Trajectory best = TrajectoryFinder.FindBest(Run(At(100, 100, 0.4f, classId: 2), At(110, 100, 0.8f, classId: 1), At(120, 100, 0.8f, classId: 3)))!;

        Assert.That(best.ClassId, Is.EqualTo(1), "ties of the peak go to the earlier point");
        Assert.That(best.RepresentativeBox.CenterX, Is.EqualTo(110f));
        Assert.That(best.PointAt(2)!.Value.Detection.ClassId, Is.EqualTo(3));
        Assert.That(best.PointAt(5), Is.Null);
    }

    [Test]
    public void BestAfterEachFrameIsTheBestOfThePrefix()
    {
        var tracker = new TrajectoryTracker();
        Assert.That(tracker.Best, Is.Null);

        tracker.Add(Frame(0, At(100, 100, 0.9f)));
        Trajectory afterOne = tracker.Best!;
        tracker.Add(Frame(1, At(100, 100, 0.9f)));

        Assert.That(afterOne.Length, Is.EqualTo(1), "a handed-out trajectory does not change when the tracker goes on");
        Assert.That(tracker.Best!.Length, Is.EqualTo(2));
        Assert.That(tracker.LastFrameIndex, Is.EqualTo(1));
    }

    [Test]
    public void ResetForgetsTheRun()
    {
        var tracker = new TrajectoryTracker();
        tracker.Add(Frame(5, At(100, 100, 0.9f)));
        tracker.Reset();

        Assert.That(tracker.Best, Is.Null);
        Assert.That(tracker.LastFrameIndex, Is.Null);
        Assert.That(tracker.Add(Frame(0, At(300, 300, 0.2f)))!.CenterX, Is.EqualTo(300f), "frame 0 is accepted again after a reset");
    }

    [Test]
    public void FramesOutOfOrderAreRefusedWithTheirIndices()
    {
        var tracker = new TrajectoryTracker();
        tracker.Add(Frame(3, At(100, 100, 0.9f)));

        var e = Assert.Throws<ArgumentException>(() => tracker.Add(Frame(3, At(100, 100, 0.9f))));
        Assert.That(e!.Message, Does.Contain("frame 3 arrived after frame 3"));
    }

    [Test]
    public void NonFiniteDetectionsAreRefusedWithTheFrameIndex()
    {
        var tracker = new TrajectoryTracker();

        var e = Assert.Throws<ArgumentException>(() => tracker.Add(Frame(7, At(100, 100, float.NaN))));
        Assert.That(e!.Message, Does.Contain("frame 7"));
        Assert.Throws<ArgumentException>(() => tracker.Add(Frame(8, new Detection(new Box(0, 0, float.PositiveInfinity, 1), 0.5f, 0))));
    }

    [Test]
    public void BadOptionsAreRefusedByName()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TrajectoryTracker(TrajectoryOptions.Paper with { TopK = 0 }));
        Assert.That(e!.Message, Does.Contain("TopK"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrajectoryTracker(TrajectoryOptions.Paper with { MaxGap = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrajectoryTracker(TrajectoryOptions.Paper with { LinkRadius = float.NaN }));
    }

    [Test]
    public void DistancesConvertFromModelInputToImagePixels()
    {
        Assert.That(TrajectoryOptions.Paper.ForImage(1024, 1024).LinkRadius, Is.EqualTo(40f));
        Assert.That(TrajectoryOptions.Paper.ForImage(1024, 768).LinkRadius, Is.EqualTo(40f), "the letterbox scale follows the longer side");
        Assert.That(TrajectoryOptions.Paper.ForImage(512, 512).LinkRadius, Is.EqualTo(20f));
        Assert.That(TrajectoryOptions.AuthorsCode.ForImage(1280, 1280).ContainmentMargin, Is.EqualTo(2f));

        // 35 px apart in a 1024 image = 21.9 px at 640: linked once the radius is converted, not with the raw 25.
        FrameDetections[] run = Run(At(500, 500, 0.5f, size: 40), At(535, 500, 0.5f, size: 40));
        Assert.That(TrajectoryFinder.FindBest(run, TrajectoryOptions.Paper.ForImage(1024, 1024))!.Length, Is.EqualTo(2));
        Assert.That(TrajectoryFinder.FindBest(run, TrajectoryOptions.Paper)!.Length, Is.EqualTo(1));
    }

    [Test]
    public void AStraightRunKeepsOneActiveTrajectory()
    {
        var tracker = new TrajectoryTracker();
        for (int i = 0; i < 200; i++) tracker.Add(Frame(i, At(100, 100, 0.5f)));

        Assert.That(tracker.Active, Has.Count.EqualTo(1));
        Assert.That(tracker.Best!.Length, Is.EqualTo(200));
    }
}
