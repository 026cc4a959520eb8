using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Pacs.Tests;

/// <summary>What every result object says about the rule that made its box: threshold, points when more than one, and how they were chosen.</summary>
public sealed class ModelProvenanceTests
{
    [Test]
    public void TheOperatingPointTextNamesThePointsAndAnOverrideSaysSo()
    {
        var metadata = Checkpoint.ReadMetadata(RepoPaths.Require(Path.Combine(RepoPaths.Root, "models", "phantom2", "occlunet1.safetensors")));
        var point = metadata.OperatingPoint!;
        var three = metadata with { OperatingPoint = point with { MinPoints = 3 } };
        var info = three.DetectorInfo(new string('b', 64), "cpu", three.DetectionSettings);

        var own = ModelProvenance.Of(info, three, three.DetectionSettings);
        var paper = ModelProvenance.Of(info, three, three.PaperThresholdSettings);
        var plain = ModelProvenance.Of(info, metadata, metadata.DetectionSettings);

        string threshold = point.ScoreThreshold.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(own.OperatingPoint, Is.EqualTo($"score >= {threshold}, a box after 3 linked detections ({point.Criterion} on {point.Data})"));
        Assert.That(plain.OperatingPoint, Is.EqualTo($"score >= {threshold} ({point.Criterion} on {point.Data})"));
        Assert.That(paper.OperatingPoint, Is.EqualTo("score >= 0.01 (no operating point in the checkpoint, or overridden)"));
        Assert.That(paper.ScoreThreshold, Is.EqualTo(0.01));
    }
}
