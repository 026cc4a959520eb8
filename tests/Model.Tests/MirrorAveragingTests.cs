using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Model.Runtime;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

public sealed class MirrorAveragingTests : TempFolderTest
{
    private static readonly DetectionSettings Mirrored = DetectionSettings.Default with { MirrorAveraged = true };

    /// <summary>
    /// Averaging with the mirror image makes the detector mirror-symmetric, which a convolutional network is not: the
    /// run's frames mirrored must give the same scores at the mirrored priors and the same boxes mirrored. A wrong column
    /// mapping, a wrong dx (the prior sits at its cell's corner) or no averaging at all breaks it.
    /// </summary>
    [TestCase(WindowMode.Centred)]
    [TestCase(WindowMode.Causal)]
    public void MirroredFramesGiveTheMirroredBoxesAndTheSameScores(WindowMode mode)
    {
        var config = TinyModels.Config(TemporalVariant.OccluNet1, mode);
        var frames = TinyModels.Frames(3);
        var mirroredFrames = frames.Select(Mirror).ToArray();
        using var direct = new StreamingOcclusionDetector(TinyModels.Build(config), TinyModels.Info(config), CPU, Mirrored);
        using var turned = new StreamingOcclusionDetector(TinyModels.Build(config), TinyModels.Info(config), CPU, Mirrored);
        using var plain = new StreamingOcclusionDetector(TinyModels.Build(config), TinyModels.Info(config), CPU);
        using var plainTurned = new StreamingOcclusionDetector(TinyModels.Build(config), TinyModels.Info(config), CPU);
        for (int i = 0; i < 3; i++)
        {
            direct.Encode(i, frames[i]);
            plain.Encode(i, frames[i]);
            turned.Encode(i, mirroredFrames[i]);
            plainTurned.Encode(i, mirroredFrames[i]);
        }
        int frame = mode == WindowMode.Causal ? 2 : 1;
        var (scoreGap, boxGap) = MirrorGap(direct.DetectRawScores(frame), turned.DetectRawScores(frame));
        var (plainScoreGap, _) = MirrorGap(plain.DetectRawScores(frame), plainTurned.DetectRawScores(frame));
        Assert.Multiple(() =>
        {
            Assert.That(scoreGap, Is.LessThan(1e-5), "scores at mirrored priors");
            Assert.That(boxGap, Is.LessThan(1e-3), "boxes mirrored (input pixels)");
            Assert.That(plainScoreGap, Is.GreaterThan(100 * scoreGap + 1e-4), "without averaging the network is not mirror-symmetric, so the check can fail");
        });
    }

    [Test]
    public void AMirrorAveragedOperatingPointTravelsWithTheWeightsAndKeepsToTorchSharp()
    {
        var config = TinyModels.Config(TemporalVariant.OccluNet1, WindowMode.Causal);
        var source = Path.Combine(Folder, "model.safetensors");
        using (var model = TinyModels.Build(config))
            Checkpoint.Save(source, model, CheckpointMetadata.For(config, TinyModels.InputSize, InputNormalisation.Default, ["occlusion"], "unit test", "0000000"));
        var copy = Path.Combine(Folder, "mirrored.safetensors");
        Checkpoint.CopyWithOperatingPoint(source, copy, new OperatingPoint(0.2f, "max F1", "unit test", 0.9, 0.8, MirrorAveraged: true));

        var metadata = Checkpoint.ReadMetadata(copy);
        Assert.That(metadata.DetectionSettings, Is.EqualTo(Mirrored with { ScoreThreshold = 0.2f }));
        Assert.That(metadata.PaperThresholdSettings, Is.EqualTo(Mirrored), "--paper-threshold keeps the averaging");
        Assert.That(Checkpoint.ReadMetadata(source).DetectionSettings.MirrorAveraged, Is.False);
        var written = JsonSerializer.Deserialize<OperatingPoint>("""{"scoreThreshold":0.3,"criterion":"max F1","data":"d","precision":null,"recall":null}""", DomainJson.Options);
        Assert.That(written!.MirrorAveraged, Is.False, "checkpoints written before the field existed");

        using (var auto = Checkpoint.LoadForInference(copy, new EngineChoice(InferenceEngine.Auto, TorchSharp.DeviceType.CPU, true)))
        {
            Assert.That(InferenceEngines.Of(auto.Detector), Is.EqualTo(InferenceEngine.Torch));
            Assert.That(auto.Settings.MirrorAveraged, Is.True);
            Assert.That(auto.Detector.Info.Device, Does.Contain("TorchSharp").And.Contain("averaged with its mirror image"), "what replay and live print");
        }
        var onnx = Assert.Throws<InvalidOperationException>(() => Checkpoint.LoadForInference(copy, new EngineChoice(InferenceEngine.Onnx, TorchSharp.DeviceType.CPU, false)));
        Assert.That(onnx!.Message, Does.Contain(copy).And.Contain("mirror").And.Contain("--engine torch"));
        var export = Assert.Throws<NotSupportedException>(() => Checkpoint.ExportOnnx(copy));
        Assert.That(export!.Message, Does.Contain(copy).And.Contain("mirror"));
    }

    /// <summary>Worst score and box difference between <paramref name="a"/> and <paramref name="b"/> read at the mirrored prior, its box mirrored back.</summary>
    private static (double Scores, double Boxes) MirrorGap(RawScores a, RawScores b)
    {
        int s = TinyModels.InputSize, offset = 0;
        double scores = 0, boxes = 0;
        foreach (var (h, w) in Onnx.OccluNetOnnxExporter.LevelSizes(s).Select(l => ((int)l.H, (int)l.W)))
        {
            for (int row = 0; row < h; row++)
                for (int col = 0; col < w; col++)
                {
                    int p = offset + row * w + col, q = offset + row * w + (w - 1 - col);
                    scores = Math.Max(scores, Math.Abs(a.Scores[p] - b.Scores[q]));
                    boxes = Math.Max(boxes, Math.Abs(a.Boxes[4 * p] - (s - b.Boxes[4 * q + 2])));
                    boxes = Math.Max(boxes, Math.Abs(a.Boxes[4 * p + 2] - (s - b.Boxes[4 * q])));
                    boxes = Math.Max(boxes, Math.Abs(a.Boxes[4 * p + 1] - b.Boxes[4 * q + 1]));
                    boxes = Math.Max(boxes, Math.Abs(a.Boxes[4 * p + 3] - b.Boxes[4 * q + 3]));
                }
            offset += h * w;
        }
        Assert.That(offset, Is.EqualTo(a.Scores.Length / a.Classes), "every prior compared");
        return (scores, boxes);
    }

    private static float[] Mirror(float[] plane)
    {
        int s = TinyModels.InputSize;
        var result = new float[plane.Length];
        for (int y = 0; y < s; y++)
            for (int x = 0; x < s; x++) result[y * s + x] = plane[y * s + s - 1 - x];
        return result;
    }
}
