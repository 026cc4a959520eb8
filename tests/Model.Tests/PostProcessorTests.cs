using OccluNet.Live.Domain;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Yolox;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

public sealed class PostProcessorTests
{
    /// <summary>Head maps for a 64 px input (8x8, 4x4, 2x2) with everything "off" except the priors set by the caller.</summary>
    private static HeadOutput Maps(int classes)
    {
        Tensor[] Level(int channels, float value) => [full(1, channels, 8, 8, value), full(1, channels, 4, 4, value), full(1, channels, 2, 2, value)];
        return new HeadOutput(Level(classes, -10f), Level(4, 0f), Level(1, -10f));
    }

    [Test]
    public void PriorsAndBoxesFollowYoloxDecoding()
    {
        using var scope = NewDisposeScope();
        var output = Maps(1);
        output.BoxDeltas[1][0, 0, 2, 3] = 0.5f;                      // dx at stride 16, row 2, col 3
        output.BoxDeltas[1][0, 2, 2, 3] = (float)Math.Log(2);       // dw
        var priors = YoloxDecoder.Priors(output);
        Assert.That(priors.shape, Is.EqualTo(new long[] { 84, 3 }));
        int index = 64 + 2 * 4 + 3;
        Assert.That(priors[index].data<float>().ToArray(), Is.EqualTo(new[] { 48f, 32f, 16f }));
        var boxes = YoloxDecoder.DecodeBoxes(output.Flatten(false).slice(2, 0, 4, 1), priors);
        // cx = 0.5 * 16 + 48 = 56, cy = 32, w = 2 * 16 = 32, h = 16.
        Assert.That(boxes[0, index].data<float>().ToArray(), Is.EqualTo(new[] { 40f, 24f, 72f, 40f }).Within(1e-4));
    }

    [Test]
    public void ScoresAreObjectnessTimesBestClassThenThresholdNmsAndTopK()
    {
        using var scope = NewDisposeScope();
        var output = Maps(2);
        void Set(int row, int col, float obj, float cls0, float cls1)
        {
            output.ObjectLogits[0][0, 0, row, col] = obj;
            output.ClassLogits[0][0, 0, row, col] = cls0;
            output.ClassLogits[0][0, 1, row, col] = cls1;
        }
        Set(3, 3, 5f, 5f, -5f);   // best, class 0
        Set(3, 4, 3f, 3f, -5f);   // same class, neighbour: 8 px boxes 8 px apart do not overlap -> kept
        Set(5, 5, 4f, -5f, 4f);   // class 1
        Set(6, 6, -3f, -3f, -3f); // below 0.01
        var all = PostProcessor.Detect(output, DetectionSettings.Default)[0];
        Assert.Multiple(() =>
        {
            Assert.That(all.Select(d => d.ClassId), Is.EqualTo(new[] { 0, 1, 0 }));
            Assert.That(all[0].Score, Is.EqualTo(1 / (1 + Math.Exp(-5)) * (1 / (1 + Math.Exp(-5)))).Within(1e-5));
            Assert.That(all[0].Box, Is.EqualTo(new Box(20, 20, 28, 28)));
        });
        var top1 = PostProcessor.Detect(output, DetectionSettings.Default with { MaxDetections = 1 })[0];
        Assert.That(top1, Has.Count.EqualTo(1));
    }

    [Test]
    public void NmsSuppressesOverlapsOfTheSameClassOnly()
    {
        var a = new Detection(new Box(0, 0, 10, 10), 0.9f, 0);
        var b = new Detection(new Box(1, 0, 11, 10), 0.8f, 0);   // IoU 0.82 with a
        var c = new Detection(new Box(1, 0, 11, 10), 0.7f, 1);   // same place, other class
        var d = new Detection(new Box(4, 0, 14, 10), 0.6f, 0);   // IoU 0.43 with a
        var kept = PostProcessor.NonMaximumSuppression([a, b, c, d], 0.6f, 10);
        Assert.That(kept, Is.EqualTo(new[] { a, c, d }));
    }
}
