using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;
using static OccluNet.Live.Trajectories.Tests.Detections;

namespace OccluNet.Live.Trajectories.Tests;

/// <summary>
/// The sequence-level rules on a 1024 x 1024 run (image pixels = 1.6 x 640-space pixels): occlusion M1 with its 40 px
/// fixed box centred on (500, 500), visible in frames 3..6 of 8.
/// </summary>
public sealed class SequenceEvaluatorTests
{
    static readonly OcclusionTruth M1 = new(OcclusionClass.M1, 500, 500, Box.FromCenter(500, 504, 20, 12), Box.FromCenter(500, 500, 40, 40), 3, 6);

    static RunOutcome Judge(OcclusionTruth? occlusion, IReadOnlyList<FrameDetections> frames, EvaluationOptions? options = null) =>
        SequenceEvaluator.Judge(new RunPrediction(new LabelledRun(new RunTruth("run", 1024, 1024, "AP", occlusion)), frames), options ?? EvaluationOptions.Paper);

    /// <summary>Frames 0..7; the given detection in frames [from, to], nothing elsewhere.</summary>
    static FrameDetections[] Steady(Detection d, int from, int to) =>
        Enumerable.Range(0, 8).Select(i => i >= from && i <= to ? Frame(i, d) : FrameDetections.Empty(i)).ToArray();

    static Detection Big(float cx, float cy, float score, int classId = 0) => At(cx, cy, score, classId, size: 40);

    [Test]
    public void ABestTrajectoryOnTheOcclusionInVisibleFramesIsATruePositive()
    {
        RunOutcome o = Judge(M1, Steady(Big(520, 500, 0.8f), 2, 5));

        Assert.That(o.Verdict, Is.EqualTo(Verdict.TruePositive));
        Assert.That((o.TruePositives, o.FalsePositives, o.FalseNegatives), Is.EqualTo((1, 0, 0)));
        Assert.That(o.CentreDistance, Is.EqualTo(12.5).Within(1e-6), "20 image px = 12.5 px at 640");
        Assert.That(o.Instances, Is.EqualTo(4));
    }

    [Test]
    public void AnOcclusionVisibleInNoFrameIsJudgedLikeARunWithout()
    {
        var never = M1 with { FirstVisibleFrame = OcclusionTruth.NeverVisible, LastVisibleFrame = OcclusionTruth.NeverVisible };

        RunOutcome alarm = Judge(never, Steady(Big(500, 500, 0.8f), 0, 7));
        RunOutcome quiet = Judge(never, Steady(Big(500, 500, 0.8f), 8, 8));

        Assert.That((alarm.Verdict, alarm.TruthClass, alarm.FalsePositives), Is.EqualTo((Verdict.FalseAlarm, (OcclusionClass?)null, 1)));
        Assert.That((quiet.Verdict, quiet.FalseNegatives), Is.EqualTo((Verdict.TrueNegative, 0)));
    }

    [TestCase(535f, Verdict.TruePositive)]  // 35 px = 21.9 px at 640
    [TestCase(540f, Verdict.TruePositive)]  // 40 px = 25 px at 640: inclusive
    [TestCase(545f, Verdict.Mislocalised)]  // 45 px = 28.1 px at 640
    public void TheRadiusIs25PixelsIn640Space(float x, Verdict expected) =>
        Assert.That(Judge(M1, Steady(Big(x, 500, 0.8f), 3, 6)).Verdict, Is.EqualTo(expected));

    [Test]
    public void AMislocalisedBestTrajectoryIsAFalsePositiveAndAFalseNegative()
    {
        RunOutcome o = Judge(M1, Steady(Big(800, 200, 0.8f), 3, 6));

        Assert.That(o.Verdict, Is.EqualTo(Verdict.Mislocalised));
        Assert.That((o.TruePositives, o.FalsePositives, o.FalseNegatives), Is.EqualTo((0, 1, 1)));
    }

    [Test]
    public void TheAuthorsAccountingCountsAMislocalisedRunOnlyAsAFalseNegative()
    {
        RunOutcome o = Judge(M1, Steady(Big(800, 200, 0.8f), 3, 6), EvaluationOptions.AuthorsCode);

        Assert.That((o.TruePositives, o.FalsePositives, o.FalseNegatives), Is.EqualTo((0, 0, 1)));
    }

    [Test]
    public void ThePaperRuleNeedsAFrameWhereTheOcclusionIsVisibleTheAuthorsRuleDoesNot()
    {
        FrameDetections[] early = Steady(Big(500, 500, 0.8f), 0, 2);

        Assert.That(Judge(M1, early).Verdict, Is.EqualTo(Verdict.Mislocalised));
        Assert.That(Judge(M1, early).CentreDistance, Is.Null, "no point in a visible frame");
        Assert.That(Judge(M1, early, EvaluationOptions.AuthorsCode).Verdict, Is.EqualTo(Verdict.TruePositive));
    }

    [Test]
    public void TheAuthorsRuleIsAnyOverlapWithTheTruthBox()
    {
        // 40 px boxes: centres 35 px apart overlap by 5 px, 45 px apart do not overlap.
        Assert.That(Judge(M1, Steady(Big(535, 500, 0.8f), 3, 6), EvaluationOptions.AuthorsCode).Verdict, Is.EqualTo(Verdict.TruePositive));
        Assert.That(Judge(M1, Steady(Big(545, 500, 0.8f), 3, 6), EvaluationOptions.AuthorsCode).Verdict, Is.EqualTo(Verdict.Mislocalised));
    }

    [Test]
    public void OnlyTheBestTrajectoryCounts()
    {
        // A weak trajectory on the occlusion and a stronger one elsewhere in the same frames.
        FrameDetections[] frames = Enumerable.Range(0, 8)
            .Select(i => i is >= 3 and <= 6 ? Frame(i, Big(800, 200, 0.9f), Big(500, 500, 0.3f)) : FrameDetections.Empty(i)).ToArray();

        Assert.That(Judge(M1, frames, EvaluationOptions.Paper with { Trajectories = Trajectories.TrajectoryOptions.Paper with { TopK = 2 } }).Verdict,
            Is.EqualTo(Verdict.Mislocalised));
    }

    [Test]
    public void APositiveRunWithoutDetectionsIsMissed()
    {
        RunOutcome o = Judge(M1, Steady(Big(500, 500, 0.8f), 9, 9));

        Assert.That(o.Verdict, Is.EqualTo(Verdict.Missed));
        Assert.That((o.TruePositives, o.FalsePositives, o.FalseNegatives), Is.EqualTo((0, 0, 1)));
        Assert.That(o.Best, Is.Null);
    }

    [Test]
    public void DetectionsBelowTheConfidenceThresholdDoNotCount()
    {
        Assert.That(Judge(M1, Steady(Big(500, 500, 0.009f), 3, 6)).Verdict, Is.EqualTo(Verdict.Missed));
        Assert.That(Judge(M1, Steady(Big(500, 500, 0.01f), 3, 6)).Verdict, Is.EqualTo(Verdict.TruePositive));
    }

    [Test]
    public void ANegativeRunWithAnyTrajectoryIsAFalsePositive()
    {
        RunOutcome alarm = Judge(null, Steady(Big(300, 300, 0.02f), 4, 4));
        RunOutcome quiet = Judge(null, Steady(Big(300, 300, 0.005f), 4, 4));

        Assert.That((alarm.Verdict, alarm.FalsePositives, alarm.FalseNegatives), Is.EqualTo((Verdict.FalseAlarm, 1, 0)));
        Assert.That((quiet.Verdict, quiet.TruePositives, quiet.FalsePositives, quiet.FalseNegatives), Is.EqualTo((Verdict.TrueNegative, 0, 0, 0)));
        Assert.That(quiet.IsCorrect && !alarm.IsCorrect);
    }

    [Test]
    public void AFiveClassModelMustNameTheRightClass()
    {
        var fiveClasses = EvaluationOptions.Paper with { Classes = ClassSet.FiveClasses };

        Assert.That(Judge(M1, Steady(Big(500, 500, 0.8f, (int)OcclusionClass.M2), 3, 6), fiveClasses).Verdict, Is.EqualTo(Verdict.WrongClass));
        Assert.That(Judge(M1, Steady(Big(500, 500, 0.8f, (int)OcclusionClass.M1), 3, 6), fiveClasses).Verdict, Is.EqualTo(Verdict.TruePositive));
        Assert.That(Judge(M1, Steady(Big(500, 500, 0.8f, 0), 3, 6)).Verdict, Is.EqualTo(Verdict.TruePositive), "single class: any class id 0 is right");
    }

    [Test]
    public void LinkingUsesTheRadiusConvertedToImagePixels()
    {
        // Steps of 35 image px (21.9 at 640) link at 1024 x 1024; the trajectory of 4 points ends on the clot.
        FrameDetections[] frames = Enumerable.Range(0, 8)
            .Select(i => i is >= 3 and <= 6 ? Frame(i, Big(395 + 35 * (i - 3), 500, 0.5f)) : FrameDetections.Empty(i)).ToArray();

        RunOutcome o = Judge(M1, frames);

        Assert.That(o.Best!.Length, Is.EqualTo(4));
        Assert.That(o.Verdict, Is.EqualTo(Verdict.TruePositive));
    }

    [Test]
    public void EvaluateAsksTheDetectorPerRunAndRefusesDuplicateRuns()
    {
        var runs = new[] { new LabelledRun(new RunTruth("a", 1024, 1024, "AP", M1)), new LabelledRun(new RunTruth("b", 1024, 1024, "AP", null)) };
        var asked = new List<string>();

        EvaluationReport report = SequenceEvaluator.Evaluate(runs, (run, _) => { asked.Add(run.RunId); return Steady(Big(500, 500, 0.8f), 3, 6); });

        Assert.That(asked, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(report.Outcomes.Select(o => o.Verdict), Is.EqualTo(new[] { Verdict.TruePositive, Verdict.FalseAlarm }));
        Assert.Throws<ArgumentException>(() => SequenceEvaluator.Evaluate(new[] { runs[0], runs[0] }, (_, _) => Array.Empty<FrameDetections>()));
    }

    [Test]
    public void BadDetectionsAreRefusedNamingTheRun()
    {
        FrameDetections[] backwards = { Frame(4, Big(500, 500, 0.8f)), Frame(2, Big(500, 500, 0.8f)) };

        var e = Assert.Throws<ArgumentException>(() => Judge(M1, backwards));
        Assert.That(e!.Message, Does.StartWith("run 'run': frame 2 arrived after frame 4"));
    }

    [Test]
    public void EvaluateStopsWhenCancelled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var runs = new[] { new LabelledRun(new RunTruth("a", 1024, 1024, "AP", M1)) };

        Assert.Throws<OperationCanceledException>(() => SequenceEvaluator.Evaluate(runs, (_, _) => Array.Empty<FrameDetections>(), cancellationToken: cancel.Token));
    }
}
