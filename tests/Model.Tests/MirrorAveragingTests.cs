using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Model.Runtime;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

public sealed class MirrorAveragingTests : TempFolderTest
{
    private static readonly DetectionSettings Mirrored = DetectionSettings.Default with { MirrorAveraged = true };
    private static readonly string Sha = new('0', 64);

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

    /// <summary>
    /// The exported graphs average in ONNX Runtime as TorchSharp does: the same raw boxes and scores over a stream of
    /// frames (both window modes), while the plain graphs of the same weights differ, so the check can fail.
    /// </summary>
    [TestCase(WindowMode.Centred)]
    [TestCase(WindowMode.Causal)]
    public void OnnxRuntimeAveragesAsTorchSharpDoes(WindowMode mode)
    {
        var config = OnnxEngineTests.Config(TemporalVariant.OccluNet1, mode, PositionalEncodingKind.Sinusoidal, 1);
        var metadata = OnnxEngineTests.Metadata(config);
        var lean = OnnxEngineTests.Build(config);
        lean.PrepareForInference();
        using var torchDetector = new StreamingOcclusionDetector(lean, TinyModels.Info(config), CPU, Mirrored);
        using var model = OnnxEngineTests.Build(config);
        using var options = OnnxSessions.Options(1, cuda: false);
        using var onnx = new OnnxOcclusionDetector(OccluNetOnnxExporter.Export(model, metadata, Sha, mirrorAveraged: true), config.Temporal, 1, TinyModels.Info(config), options, Mirrored);
        using var plain = new OnnxOcclusionDetector(OccluNetOnnxExporter.Export(model, metadata, Sha), config.Temporal, 1, TinyModels.Info(config), options);
        var frames = TinyModels.Frames(5, seed: 99);

        var expected = RawScoreReplay.Run(torchDetector, frames);
        var (boxes, scores) = WorstDifference(expected, RawScoreReplay.Run(onnx, frames));
        var (plainBoxes, plainScores) = WorstDifference(expected, RawScoreReplay.Run(plain, frames));
        TestContext.Out.WriteLine($"averaged: boxes {boxes:E2}, scores {scores:E2}; plain graphs: boxes {plainBoxes:E2}, scores {plainScores:E2}");

        Assert.Multiple(() =>
        {
            Assert.That(expected, Has.Count.EqualTo(5));
            Assert.That(scores, Is.LessThanOrEqualTo(1e-6), "scores");
            Assert.That(boxes, Is.LessThanOrEqualTo(1e-2), "boxes, model input pixels");
            Assert.That(plainScores, Is.GreaterThan(100 * scores), "without the averaging the scores differ");
            Assert.That(plainBoxes, Is.GreaterThan(100 * boxes), "and the boxes");
        });
    }

    [Test]
    public void GraphsExportedOtherwiseThanTheSettingsSayAreRefused()
    {
        var config = OnnxEngineTests.Config(TemporalVariant.OccluNet1, WindowMode.Centred, PositionalEncodingKind.Sinusoidal, 1);
        using var model = OnnxEngineTests.Build(config);
        using var options = OnnxSessions.Options(1, cuda: false);
        var plainGraphs = OccluNetOnnxExporter.Export(model, OnnxEngineTests.Metadata(config), Sha);
        var mirroredGraphs = OccluNetOnnxExporter.Export(model, OnnxEngineTests.Metadata(config), Sha, mirrorAveraged: true);

        var askedForMirror = Assert.Throws<ArgumentException>(() => new OnnxOcclusionDetector(plainGraphs, config.Temporal, 1, TinyModels.Info(config), options, Mirrored));
        var notAsked = Assert.Throws<ArgumentException>(() => new OnnxOcclusionDetector(mirroredGraphs, config.Temporal, 1, TinyModels.Info(config), options));

        Assert.That(askedForMirror!.Message, Does.Contain("exported without it"));
        Assert.That(notAsked!.Message, Does.Contain("average each frame with its mirror image").And.Contain("the settings do not"));
    }

    [Test]
    public void AMirrorAveragedOperatingPointTravelsWithTheWeightsIntoBothEnginesAndTheExport()
    {
        var config = TinyModels.Config(TemporalVariant.OccluNet1, WindowMode.Causal);
        var source = Path.Combine(Folder, "model.safetensors");
        using (var model = OnnxEngineTests.Build(config))
            Checkpoint.Save(source, model, CheckpointMetadata.For(config, TinyModels.InputSize, InputNormalisation.Default, ["occlusion"], "unit test", "0000000"));
        var copy = Path.Combine(Folder, "mirrored.safetensors");
        Checkpoint.CopyWithOperatingPoint(source, copy, new OperatingPoint(0.2f, "max F1", "unit test", 0.9, 0.8, MirrorAveraged: true));

        var metadata = Checkpoint.ReadMetadata(copy);
        Assert.That(metadata.DetectionSettings, Is.EqualTo(Mirrored with { ScoreThreshold = 0.2f }));
        Assert.That(metadata.PaperThresholdSettings, Is.EqualTo(Mirrored), "--paper-threshold keeps the averaging");
        Assert.That(Checkpoint.ReadMetadata(source).DetectionSettings.MirrorAveraged, Is.False);
        var written = JsonSerializer.Deserialize<OperatingPoint>("""{"scoreThreshold":0.3,"criterion":"max F1","data":"d","precision":null,"recall":null}""", DomainJson.Options);
        Assert.That(written!.MirrorAveraged, Is.False, "checkpoints written before the field existed");

        var frames = TinyModels.Frames(4, seed: 99);
        var raw = new Dictionary<string, IReadOnlyList<(int Frame, RawScores Raw)>>();
        foreach (var engine in new[] { InferenceEngine.Torch, InferenceEngine.Onnx, InferenceEngine.Auto })
        {
            using var loaded = Checkpoint.LoadForInference(copy, new EngineChoice(engine, TorchSharp.DeviceType.CPU, engine == InferenceEngine.Auto));
            if (engine != InferenceEngine.Auto) Assert.That(InferenceEngines.Of(loaded.Detector), Is.EqualTo(engine));
            Assert.That(loaded.Settings.MirrorAveraged, Is.True);
            Assert.That(loaded.Detector.Info.Device, Does.EndWith(", each frame averaged with its mirror image"), $"{engine}: what replay and live print");
            raw[engine.ToString()] = RawScoreReplay.Run(loaded.Detector, frames);
        }

        // What `occlunet export` writes, read back without the checkpoint (replay --model FOLDER, bench exported).
        var folder = Path.Combine(Folder, "exported");
        OccluNetOnnxExporter.WriteTo(Checkpoint.ExportOnnx(copy), folder);
        var exported = ExportedModel.Load(folder);
        using (var session = new Microsoft.ML.OnnxRuntime.InferenceSession(exported.Graphs.Encoder))
            Assert.That(session.OutputMetadata.Keys, Is.EquivalentTo(OccluNetOnnxExporter.EncoderOutputs(mirrorAveraged: true)), "export writes the mirror-averaged graphs");
        using (var loaded = exported.LoadForInference(new EngineChoice(InferenceEngine.Onnx, TorchSharp.DeviceType.CPU, false), 1))
        {
            Assert.That(loaded.Detector.Info.Device, Does.EndWith(", each frame averaged with its mirror image"));
            raw["exported"] = RawScoreReplay.Run(loaded.Detector, frames);
        }
        foreach (var (name, scores) in raw)
            Assert.That(WorstDifference(raw["Torch"], scores).Scores, Is.LessThanOrEqualTo(1e-6), name);
        using (var session = new Microsoft.ML.OnnxRuntime.InferenceSession(Checkpoint.ExportOnnx(source).Encoder))
            Assert.That(session.OutputMetadata.Keys, Is.EquivalentTo(OccluNetOnnxExporter.LevelNames), "a plain checkpoint exports plain graphs");
    }

    /// <summary>Worst box and score difference of two streams of raw scores, window by window.</summary>
    private static (double Boxes, double Scores) WorstDifference(IReadOnlyList<(int Frame, RawScores Raw)> a, IReadOnlyList<(int Frame, RawScores Raw)> b)
    {
        Assert.That(b.Select(w => w.Frame), Is.EqualTo(a.Select(w => w.Frame)));
        double boxes = 0, scores = 0;
        for (int w = 0; w < a.Count; w++)
        {
            boxes = Math.Max(boxes, a[w].Raw.Boxes.Zip(b[w].Raw.Boxes, (x, y) => Math.Abs(x - y)).Max());
            scores = Math.Max(scores, a[w].Raw.Scores.Zip(b[w].Raw.Scores, (x, y) => Math.Abs(x - y)).Max());
        }
        return (boxes, scores);
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
