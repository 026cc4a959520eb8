using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;

namespace OccluNet.Live.Training.Tests;

/// <summary>
/// The operating-point sweep on hand-made detections of 640 x 640 runs (image pixels = model pixels at 640): three
/// occlusions found at score 0.6, one run whose best trajectory is elsewhere at 0.3, two negatives with a 0.2 detection
/// and one with a 0.7 detection.
/// </summary>
public sealed class OperatingPointSearchTests
{
    static readonly Box Truth = Box.FromCenter(300, 300, 25, 25);

    static RunPrediction Run(string id, bool positive, float x, float score)
    {
        var occlusion = positive ? new OcclusionTruth(OcclusionClass.M1, 300, 300, Truth, Truth, 0, 4) : null;
        var frames = Enumerable.Range(0, 5).Select(i => new FrameDetections(i, [new Detection(Box.FromCenter(x, 300, 25, 25), score, 0)])).ToArray();
        return new RunPrediction(new LabelledRun(new RunTruth(id, 640, 640, "AP", occlusion)), frames);
    }

    static readonly RunPrediction[] Predictions =
    [
        Run("p1", true, 300, 0.6f), Run("p2", true, 305, 0.6f), Run("p3", true, 295, 0.6f),
        Run("p4", true, 500, 0.3f),
        Run("n1", false, 100, 0.2f), Run("n2", false, 200, 0.2f), Run("n3", false, 400, 0.7f),
    ];

    static ThresholdResult At(IReadOnlyList<ThresholdResult> sweep, float t) => sweep.Single(r => Math.Abs(r.ScoreThreshold - t) < 1e-4);

    [Test]
    public void TheSweepCountsEachThresholdAsTheMetricWould()
    {
        var sweep = OperatingPointSearch.Sweep(Predictions, EvaluationOptions.Paper);

        Assert.That((At(sweep, 0.01f).TruePositives, At(sweep, 0.01f).FalsePositives, At(sweep, 0.01f).FalseNegatives), Is.EqualTo((3, 4, 1)));
        Assert.That((At(sweep, 0.20f).TruePositives, At(sweep, 0.20f).FalsePositives), Is.EqualTo((3, 4)), "inclusive");
        Assert.That((At(sweep, 0.21f).TruePositives, At(sweep, 0.21f).FalsePositives), Is.EqualTo((3, 2)));
        Assert.That((At(sweep, 0.31f).TruePositives, At(sweep, 0.31f).FalsePositives, At(sweep, 0.31f).FalseNegatives), Is.EqualTo((3, 1, 1)),
            "the mislocalised run drops to an FN only");
        Assert.That((At(sweep, 0.61f).TruePositives, At(sweep, 0.61f).FalsePositives, At(sweep, 0.61f).FalseNegatives), Is.EqualTo((0, 1, 4)));
        Assert.That(At(sweep, 0.31f).F1, Is.EqualTo(0.75).Within(1e-9));
    }

    [Test]
    public void MaxF1TakesTheLowestThresholdOfTheBestPlateau()
    {
        var chosen = OperatingPointSearch.Choose(OperatingPointSearch.Sweep(Predictions, EvaluationOptions.Paper));

        Assert.That(chosen!.ScoreThreshold, Is.EqualTo(0.31f).Within(1e-6));
        Assert.That((chosen.Precision, chosen.Recall), Is.EqualTo(((double?)0.75, (double?)0.75)));
        Assert.That(OperatingPointSearch.ToOperatingPoint(chosen, null, "hand-made").Criterion, Is.EqualTo("max F1"));
    }

    [Test]
    public void APrecisionFloorPicksTheHighestRecallThatReachesItOrNothing()
    {
        var sweep = OperatingPointSearch.Sweep(Predictions, EvaluationOptions.Paper);

        Assert.That(OperatingPointSearch.Choose(sweep, minPrecision: 0.6)!.ScoreThreshold, Is.EqualTo(0.21f).Within(1e-6));
        Assert.That(OperatingPointSearch.Choose(sweep, minPrecision: 0.9), Is.Null, "no threshold reaches 90 % with a true positive");
        Assert.That(OperatingPointSearch.ToOperatingPoint(OperatingPointSearch.Choose(sweep, 0.6)!, 0.6, "x").Criterion,
            Is.EqualTo("highest recall with precision >= 0.6"));
    }

    [Test]
    public void MorePointsSilenceAOneFrameBlipAndTheChoiceTakesThemOnlyWhenTheyWin()
    {
        // p1-p3 found at 0.6 and p4 elsewhere at 0.3 (five frames each); n1 a single frame at 0.7, n2 five frames at 0.2.
        var blip = new RunPrediction(new LabelledRun(new RunTruth("n1", 640, 640, "AP", null)),
            [.. Enumerable.Range(0, 5).Select(i => new FrameDetections(i, i == 2 ? [new Detection(Box.FromCenter(100, 300, 25, 25), 0.7f, 0)] : []))]);
        RunPrediction[] runs = [.. Predictions[..4], blip, Run("n2", false, 200, 0.2f)];
        var sweep = OperatingPointSearch.Sweep(runs, EvaluationOptions.Paper, minPoints: [1, 2]);
        ThresholdResult At(float t, int points) => sweep.Single(r => Math.Abs(r.ScoreThreshold - t) < 1e-4 && r.MinPoints == points);

        Assert.That(sweep, Has.Count.EqualTo(2 * OperatingPointSearch.Candidates.Count));
        Assert.That((At(0.31f, 1).TruePositives, At(0.31f, 1).FalsePositives, At(0.31f, 1).NegativesBoxed, At(0.31f, 1).NegativeRuns), Is.EqualTo((3, 1, 1, 2)));
        Assert.That((At(0.31f, 2).TruePositives, At(0.31f, 2).FalsePositives, At(0.31f, 2).NegativesBoxed), Is.EqualTo((3, 0, 0)), "the blip has one point");
        Assert.That((At(0.01f, 2).NegativesBoxed, At(0.01f, 2).NegativesBoxedShare), Is.EqualTo((1, 0.5)), "n2's five frames still box it");

        var sure = OperatingPointSearch.Choose(sweep, minPrecision: 0.9)!;
        Assert.That((sure.ScoreThreshold, sure.MinPoints), Is.EqualTo((0.31f, 2)), "only two points reach 90 % precision");
        var quiet = OperatingPointSearch.Choose(sweep, maxNegativesBoxed: 0)!;
        Assert.That((quiet.ScoreThreshold, quiet.MinPoints), Is.EqualTo((0.31f, 2)), "max F1 among points that box no negative run");
        var tie = OperatingPointSearch.Choose(sweep, minPrecision: 0.7)!;
        Assert.That((tie.ScoreThreshold, tie.MinPoints), Is.EqualTo((0.31f, 1)), "equal recall: the fewer points (an earlier box) win");
        Assert.That(OperatingPointSearch.Choose(sweep, minPrecision: 0.9, maxNegativesBoxed: 0.4)!.MinPoints, Is.EqualTo(2));

        var point = OperatingPointSearch.ToOperatingPoint(sure, 0.9, "x", maxNegativesBoxed: 0.05);
        Assert.That((point.MinPoints, point.Criterion), Is.EqualTo((2, "highest recall with precision >= 0.9 and negative runs boxed <= 0.05")));
        Assert.That(OperatingPointSearch.ToText(sweep, sure), Does.Contain("points").And.Contain("<- chosen"));
    }
}
