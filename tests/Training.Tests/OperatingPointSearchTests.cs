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
}
