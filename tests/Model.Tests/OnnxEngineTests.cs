using OccluNet.Live.Domain;
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Model.Runtime;
using OccluNet.Live.Tests.Shared;
using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

/// <summary>
/// The exported graphs against TorchSharp on tiny models of every variant and window mode: same boxes and scores before
/// the threshold, same detections; the graphs pass the ONNX checker (Debian's python3-onnx) and give the same outputs
/// with ONNX Runtime's optimisations off and at their highest level; the lean TorchSharp form equals the model as trained.
/// </summary>
public sealed class OnnxEngineTests : TempFolderTest
{
    // Scores agree to ~1e-9 here; a box side is exp(dw)·stride, so a rounding difference in dw shows ~30x in pixels.
    private const double ScoreTolerance = 1e-6;
    private const double BoxTolerance = 1e-2;

    public static IEnumerable<TestCaseData> Variants()
    {
        yield return new TestCaseData(TemporalVariant.OccluNet1, WindowMode.Centred, PositionalEncodingKind.Sinusoidal, 1).SetName("OccluNet1 centred");
        yield return new TestCaseData(TemporalVariant.OccluNet1, WindowMode.Causal, PositionalEncodingKind.Learned, 2).SetName("OccluNet1 causal, learned positions, 2 heads");
        yield return new TestCaseData(TemporalVariant.OccluNet2, WindowMode.Centred, PositionalEncodingKind.Sinusoidal, 1).SetName("OccluNet2 centred (padded windows at P5)");
        yield return new TestCaseData(TemporalVariant.OccluNet2, WindowMode.Causal, PositionalEncodingKind.Learned, 2).SetName("OccluNet2 causal, learned positions, 2 heads");
        yield return new TestCaseData(TemporalVariant.None, WindowMode.Centred, PositionalEncodingKind.Sinusoidal, 1).SetName("spatial-only (MinIP)");
    }

    internal static OccluNetConfig Config(TemporalVariant variant, WindowMode mode, PositionalEncodingKind positions, int heads, int classes = 1)
    {
        var config = TinyModels.Config(variant, mode, classes);
        return variant == TemporalVariant.None ? config : config with { Temporal = config.Temporal with { PositionalEncoding = positions, Heads = heads } };
    }

    /// <summary>
    /// A tiny model (<see cref="TinyModels.Build"/>) whose prediction convs are scaled down to trained-like outputs:
    /// untrained, its box deltas reach 80 (boxes of 1e35 px) and its logits amplify rounding beyond any fixed tolerance.
    /// </summary>
    internal static OccluNetModel Build(OccluNetConfig config)
    {
        var model = TinyModels.Build(config);
        using var _ = no_grad();
        foreach (var (name, p) in model.named_parameters())
            if (name.Contains("multi_level_conv_") && name.EndsWith(".weight", StringComparison.Ordinal)) p.mul_(0.05);
        return model;
    }

    internal static CheckpointMetadata Metadata(OccluNetConfig config) =>
        CheckpointMetadata.For(config, TinyModels.InputSize, InputNormalisation.Default,
            Enumerable.Range(0, config.NumClasses).Select(c => $"class{c}").ToArray(), "unit test", "0000000");

    private static OnnxOcclusionDetector OnnxDetector(OccluNetModel model, OccluNetConfig config, GraphOptimizationLevel level = GraphOptimizationLevel.ORT_ENABLE_ALL)
    {
        var graphs = OccluNetOnnxExporter.Export(model, Metadata(config), new string('0', 64));
        using var options = OnnxSessions.Options(1, cuda: false, level);
        return new OnnxOcclusionDetector(graphs, config.Temporal, config.NumClasses, TinyModels.Info(config), options);
    }

    /// <summary>
    /// Feeds the same frames to every detector the way the pipeline does; the worst difference of each detector's
    /// boxes (model input pixels) and scores to the first one's.
    /// </summary>
    private static (double[] Boxes, double[] Scores, int Windows) Compare(IReadOnlyList<IRawScoreSource> detectors, int frameCount)
    {
        var frames = TinyModels.Frames(frameCount, seed: 99); // the frames BatchNorm was calibrated on: in-distribution activations
        var raw = detectors.Select(d => RawScoreReplay.Run((Domain.IOcclusionDetector)d, frames)).ToArray();
        var boxes = new double[detectors.Count];
        var scores = new double[detectors.Count];
        int windows = raw[0].Count;
        for (int k = 1; k < raw.Length; k++)
        {
            Assert.That(raw[k].Select(w => w.Frame), Is.EqualTo(raw[0].Select(w => w.Frame)));
            for (int w = 0; w < windows; w++)
            {
                var (a, b) = (raw[0][w].Raw, raw[k][w].Raw);
                Assert.That(b.Boxes, Has.Length.EqualTo(a.Boxes.Length));
                Assert.That(b.Scores, Has.Length.EqualTo(a.Scores.Length));
                boxes[k] = Math.Max(boxes[k], a.Boxes.Zip(b.Boxes, (x, y) => Math.Abs(x - y)).Max());
                scores[k] = Math.Max(scores[k], a.Scores.Zip(b.Scores, (x, y) => Math.Abs(x - y)).Max());
            }
        }
        TestContext.Out.WriteLine($"boxes {string.Join(", ", boxes.Select(b => b.ToString("E2")))}; scores {string.Join(", ", scores.Select(b => b.ToString("E2")))}");
        return (boxes.Skip(1).ToArray(), scores.Skip(1).ToArray(), windows);
    }

    [TestCaseSource(nameof(Variants))]
    public void OnnxEngineAndLeanTorchMatchTheModelAsTrained(TemporalVariant variant, WindowMode mode, PositionalEncodingKind positions, int heads)
    {
        var config = Config(variant, mode, positions, heads, classes: 2);
        using var asTrained = new StreamingOcclusionDetector(Build(config), TinyModels.Info(config), CPU);
        var leanModel = Build(config);
        leanModel.PrepareForInference();
        using var lean = new StreamingOcclusionDetector(leanModel, TinyModels.Info(config), CPU);
        using var model = Build(config);
        using var onnx = OnnxDetector(model, config);

        var (boxes, scores, windows) = Compare([asTrained, lean, onnx], 5);

        Assert.That(windows, Is.EqualTo(5));
        Assert.Multiple(() =>
        {
            Assert.That(boxes, Has.All.LessThanOrEqualTo(BoxTolerance), "boxes (lean, ONNX)");
            Assert.That(scores, Has.All.LessThanOrEqualTo(ScoreTolerance), "scores (lean, ONNX)");
            Assert.That(scores, Has.All.GreaterThan(0), "the engines really are different computations");
        });
    }

    [TestCaseSource(nameof(Variants))]
    public void GraphsGiveEqualOutputsWithOptimisationOffAndAtTheHighestLevel(TemporalVariant variant, WindowMode mode, PositionalEncodingKind positions, int heads)
    {
        var config = Config(variant, mode, positions, heads);
        using var model = Build(config);
        using var optimised = OnnxDetector(model, config);
        using var plain = OnnxDetector(model, config, GraphOptimizationLevel.ORT_DISABLE_ALL);

        var (boxes, scores, windows) = Compare([optimised, plain], 4);

        Assert.That(windows, Is.EqualTo(4));
        Assert.Multiple(() =>
        {
            Assert.That(boxes, Has.All.LessThanOrEqualTo(BoxTolerance));
            Assert.That(scores, Has.All.LessThanOrEqualTo(ScoreTolerance));
        });
    }

    [Test]
    public void DetectionsOfBothEnginesAreTheSameAtTheThreshold()
    {
        var config = Config(TemporalVariant.OccluNet1, WindowMode.Causal, PositionalEncodingKind.Sinusoidal, 1);
        var settings = DetectionSettings.Default with { ScoreThreshold = 0f, MaxDetections = 20 };
        var leanModel = Build(config);
        leanModel.PrepareForInference();
        using var torchDetector = new StreamingOcclusionDetector(leanModel, TinyModels.Info(config), CPU, settings);
        using var model = Build(config);
        var graphs = OccluNetOnnxExporter.Export(model, Metadata(config), new string('0', 64));
        using var options = OnnxSessions.Options(1, cuda: false);
        using var onnx = new OnnxOcclusionDetector(graphs, config.Temporal, 1, TinyModels.Info(config), options, settings);
        var frames = TinyModels.Frames(3);
        for (int i = 0; i < 3; i++) { torchDetector.Encode(i, frames[i]); onnx.Encode(i, frames[i]); }

        var a = torchDetector.Detect(2).Detections;
        var b = onnx.Detect(2).Detections;

        Assert.That(a, Has.Count.EqualTo(20));
        Assert.That(b, Has.Count.EqualTo(a.Count));
        for (int i = 0; i < a.Count; i++)
        {
            Assert.That(b[i].Score, Is.EqualTo(a[i].Score).Within(ScoreTolerance), $"detection {i}");
            Assert.That(b[i].Box.X1, Is.EqualTo(a[i].Box.X1).Within(BoxTolerance), $"detection {i}");
            Assert.That(b[i].Box.Y2, Is.EqualTo(a[i].Box.Y2).Within(BoxTolerance), $"detection {i}");
        }
    }

    [Test]
    public void ExportedGraphsFoldBatchNormAndCarryTheCheckpointMetadata()
    {
        var config = Config(TemporalVariant.OccluNet2, WindowMode.Causal, PositionalEncodingKind.Sinusoidal, 1);
        using var model = Build(config);
        var metadata = Metadata(config) with { OperatingPoint = new OperatingPoint(0.42f, "max F1", "unit test", 0.9, 0.8, MinPoints: 3) };
        var graphs = OccluNetOnnxExporter.Export(model, metadata, new string('a', 64));

        var encoder = OnnxGraph.Parse(graphs.Encoder);
        var head = OnnxGraph.Parse(graphs.WindowHead);
        var ops = encoder.Nodes.Concat(head.Nodes).Select(n => n.OpType).ToHashSet();
        Assert.That(encoder.Nodes.Count(n => n.OpType == "Conv"), Is.GreaterThan(10));
        Assert.That(ops, Does.Not.Contain("BatchNormalization"));
        Assert.That(ops, Does.Contain("LayerNormalization"));

        using var session = new InferenceSession(graphs.WindowHead);
        var props = session.ModelMetadata.CustomMetadataMap;
        Assert.Multiple(() =>
        {
            Assert.That(props["occlunet.graph"], Is.EqualTo("window_head"));
            Assert.That(props["occlunet.variant"], Is.EqualTo("OccluNet2"));
            Assert.That(props["occlunet.window_mode"], Is.EqualTo("causal"));
            Assert.That(props["occlunet.output_index"], Is.EqualTo("2"));
            Assert.That(props["occlunet.input_size"], Is.EqualTo("64"));
            Assert.That(props["occlunet.score_threshold"], Is.EqualTo("0.42"));
            Assert.That(props["occlunet.min_trajectory_points"], Is.EqualTo("3"));
            Assert.That(props["occlunet.weights_sha256"], Is.EqualTo(new string('a', 64)));
            Assert.That(props["occlunet.classes"], Does.Contain("\"class0\""));
            Assert.That(props["occlunet.normalisation"], Does.Contain("BitsStored"));
            Assert.That(session.InputMetadata.Keys, Is.EquivalentTo(new[] { "p3_t0", "p3_t1", "p3_t2", "p4_t0", "p4_t1", "p4_t2", "p5_t0", "p5_t1", "p5_t2" }));
            Assert.That(session.OutputMetadata["scores"].Dimensions, Is.EqualTo(new[] { 1, 84, 1 }));
        });
    }

    /// <summary>An independent reader: the ONNX project's own checker (python3-onnx, installed by scripts/setup-debian.sh), on every variant and a mirror-averaged export.</summary>
    [Test]
    public void GraphsOfEveryVariantPassTheOnnxChecker()
    {
        var paths = new List<string>();
        foreach (var data in Variants())
        {
            var config = Config((TemporalVariant)data.Arguments[0]!, (WindowMode)data.Arguments[1]!, (PositionalEncodingKind)data.Arguments[2]!, (int)data.Arguments[3]!);
            using var model = Build(config);
            var folder = Path.Combine(Folder, paths.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var (encoder, head) = OccluNetOnnxExporter.WriteTo(OccluNetOnnxExporter.Export(model, Metadata(config), new string('0', 64)), folder);
            paths.Add(encoder);
            paths.Add(head);
        }
        var mirrorConfig = Config(TemporalVariant.OccluNet1, WindowMode.Causal, PositionalEncodingKind.Sinusoidal, 1);
        using (var model = Build(mirrorConfig))
        {
            var graphs = OccluNetOnnxExporter.Export(model, Metadata(mirrorConfig), new string('0', 64), mirrorAveraged: true);
            var (encoder, head) = OccluNetOnnxExporter.WriteTo(graphs, Path.Combine(Folder, "mirror-averaged"));
            paths.Add(encoder);
            paths.Add(head);
        }
        const string Script = "import sys, onnx\n" +
            "for p in sys.argv[1:]:\n" +
            "    m = onnx.load(p)\n" +
            "    onnx.checker.check_model(m, full_check=True)\n" +
            "    print(p, m.opset_import[0].version, len(m.graph.node), dict((e.key, e.value) for e in m.metadata_props)['occlunet.graph'])\n";
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", Script }.Concat(paths)) start.ArgumentList.Add(a);
        using var python = Process.Start(start)!;
        var stdout = python.StandardOutput.ReadToEndAsync();
        var stderr = python.StandardError.ReadToEnd();
        python.WaitForExit();
        var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(python.ExitCode, Is.Zero, stderr);
        Assert.That(lines, Has.Length.EqualTo(paths.Count));
        foreach (var line in lines) Assert.That(line, Does.Match(@" 17 \d+ (encoder|window_head)$"));
    }

    [Test]
    public void ExportRefusesToOverwriteAnExistingGraph()
    {
        var config = Config(TemporalVariant.None, WindowMode.Centred, PositionalEncodingKind.Sinusoidal, 1);
        using var model = Build(config);
        var graphs = OccluNetOnnxExporter.Export(model, Metadata(config), new string('0', 64));
        File.WriteAllText(Path.Combine(Folder, OccluNetOnnxExporter.WindowHeadFile), "keep me");

        var e = Assert.Throws<IOException>(() => OccluNetOnnxExporter.WriteTo(graphs, Folder));

        Assert.That(e!.Message, Does.Contain(OccluNetOnnxExporter.WindowHeadFile));
        Assert.That(File.ReadAllText(Path.Combine(Folder, OccluNetOnnxExporter.WindowHeadFile)), Is.EqualTo("keep me"));
        Assert.That(File.Exists(Path.Combine(Folder, OccluNetOnnxExporter.EncoderFile)), Is.False);
    }

    [Test]
    public void EveryScaleExports()
    {
        foreach (var scale in Yolox.YoloxScale.All)
        {
            var config = new OccluNetConfig(scale, 1, new TemporalConfig(Layers: 1));
            using var model = new OccluNetModel(config);
            var metadata = CheckpointMetadata.For(config, 64, InputNormalisation.Default, ["occlusion"], "unit test", "0");
            var graphs = OccluNetOnnxExporter.Export(model, metadata, new string('0', 64));
            using var session = new InferenceSession(graphs.Encoder);
            Assert.That(session.OutputMetadata["p3"].Dimensions, Is.EqualTo(new[] { 1, scale.NeckChannels, 8, 8 }), scale.Name);
        }
    }
}

/// <summary>--engine and --device resolved against what a build and machine have.</summary>
public sealed class EngineChoiceTests
{
    [TestCase(DeviceRequest.Auto, InferenceEngine.Auto, false, false, InferenceEngine.Auto, DeviceType.CPU)]
    [TestCase(DeviceRequest.Cpu, InferenceEngine.Auto, true, true, InferenceEngine.Auto, DeviceType.CPU)]
    [TestCase(DeviceRequest.Auto, InferenceEngine.Auto, true, false, InferenceEngine.Torch, DeviceType.CUDA)]
    [TestCase(DeviceRequest.Auto, InferenceEngine.Auto, true, true, InferenceEngine.Onnx, DeviceType.CUDA)]
    [TestCase(DeviceRequest.Cuda, InferenceEngine.Auto, false, true, InferenceEngine.Onnx, DeviceType.CUDA)]
    [TestCase(DeviceRequest.Auto, InferenceEngine.Torch, false, true, InferenceEngine.Torch, DeviceType.CPU)]
    [TestCase(DeviceRequest.Auto, InferenceEngine.Onnx, true, false, InferenceEngine.Onnx, DeviceType.CPU)]
    [TestCase(DeviceRequest.Cuda, InferenceEngine.Onnx, false, true, InferenceEngine.Onnx, DeviceType.CUDA)]
    public void AutoPicksTheFasterEngineForTheDevice(DeviceRequest device, InferenceEngine engine, bool torchCuda, bool onnxCuda, InferenceEngine expected, DeviceType expectedDevice)
    {
        var choice = InferenceEngines.Choose(device, engine, torchCuda, onnxCuda);
        Assert.That((choice.Engine, choice.Device, choice.ChosenByAuto), Is.EqualTo((expected, expectedDevice, engine == InferenceEngine.Auto)));
    }

    /// <summary>
    /// auto on the CPU loads the shipped checkpoint in both engines, times them and keeps the faster: the device line
    /// names the kept engine with the smaller median, the other engine with the larger, the detector is the kept
    /// engine's, and its cache was emptied (a run can start again at frame 0).
    /// </summary>
    [Test]
    public void AutoOnTheCpuKeepsTheEngineItTimedFaster()
    {
        TorchRuntime.UseThreads(1);
        using var model = Checkpoint.LoadForInference(RepoPaths.ShippedModel, InferenceEngines.Choose(DeviceRequest.Cpu, InferenceEngine.Auto));
        var line = System.Text.RegularExpressions.Regex.Match(model.Detector.Info.Device,
            @"^cpu, (?<kept>ONNX Runtime|TorchSharp) .*\(1 thread; auto: (?<fast>[0-9.]+) ms a step; (?<other>ONNX Runtime|TorchSharp) .*: (?<slow>[0-9.]+)\)$");
        Assert.That(line.Success, Is.True, model.Detector.Info.Device);
        double fast = double.Parse(line.Groups["fast"].Value, System.Globalization.CultureInfo.InvariantCulture);
        double slow = double.Parse(line.Groups["slow"].Value, System.Globalization.CultureInfo.InvariantCulture);
        bool torchKept = line.Groups["kept"].Value == "TorchSharp";
        Assert.Multiple(() =>
        {
            Assert.That(fast, Is.LessThanOrEqualTo(slow));
            Assert.That(line.Groups["other"].Value, Is.Not.EqualTo(line.Groups["kept"].Value));
            Assert.That(model.RunsOnTorchSharp, Is.EqualTo(torchKept));
            Assert.That(model.Detector, torchKept ? Is.InstanceOf<StreamingOcclusionDetector>() : Is.InstanceOf<OnnxOcclusionDetector>());
        });
        var frame = new float[model.Metadata.InputSize * model.Metadata.InputSize];
        for (int index = 0; index < 3; index++) model.Detector.Encode(index, frame);
        Assert.That(model.Detector.Detect(1).FrameIndex, Is.EqualTo(1), "a run starts at frame 0 after the timing");
    }

    /// <summary>
    /// auto builds both engines from one loaded checkpoint (ONNX Runtime's graphs first, then TorchSharp's detector takes
    /// the model and folds it): each scores a run as the same engine loaded on its own, and nothing can be built from
    /// the model once TorchSharp has it.
    /// </summary>
    [Test]
    public void BothEnginesBuiltFromOneLoadedCheckpointScoreAsWhenLoadedAlone()
    {
        TorchRuntime.UseThreads(1);
        var onnxCpu = new EngineChoice(InferenceEngine.Onnx, DeviceType.CPU, false);
        using var source = Checkpoint.Open(RepoPaths.ShippedModel);
        using var onnx = source.Build(onnxCpu);
        using var lean = source.Build(EngineChoice.TorchCpu);
        Assert.Throws<InvalidOperationException>(() => source.Build(onnxCpu));
        int size = source.Metadata.InputSize;
        var random = new Random(7);
        var frames = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, size * size).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        float[] Scores(IOcclusionDetector detector)
        {
            for (int index = 0; index < frames.Length; index++) detector.Encode(index, frames[index]);
            return ((IRawScoreSource)detector).DetectRawScores(2).Scores;
        }
        foreach (var (shared, engine) in new[] { (onnx, onnxCpu), (lean, EngineChoice.TorchCpu) })
        {
            using var alone = Checkpoint.LoadForInference(RepoPaths.ShippedModel, engine);
            Assert.That(Scores(shared), Is.EqualTo(Scores(alone.Detector)).Within(1e-6), engine.Engine.ToString());
        }
    }

    [TestCase(InferenceEngine.Onnx, "-p:OnnxBackend=cuda")]
    [TestCase(InferenceEngine.Torch, "-p:TorchBackend=cuda")]
    [TestCase(InferenceEngine.Auto, "-p:TorchBackend=cuda")]
    public void CudaThatIsNotThereIsAnErrorThatSaysWhy(InferenceEngine engine, string hint)
    {
        var e = Assert.Throws<InvalidOperationException>(() => InferenceEngines.Choose(DeviceRequest.Cuda, engine, false, false));
        Assert.That(e!.Message, Does.Contain(hint));
    }

    [TestCase(DeviceRequest.Auto, InferenceEngine.Auto, false, DeviceType.CPU)]
    [TestCase(DeviceRequest.Auto, InferenceEngine.Auto, true, DeviceType.CUDA)]
    [TestCase(DeviceRequest.Cpu, InferenceEngine.Onnx, true, DeviceType.CPU)]
    [TestCase(DeviceRequest.Cuda, InferenceEngine.Onnx, true, DeviceType.CUDA)]
    public void AnExportedModelRunsInOnnxRuntime(DeviceRequest device, InferenceEngine engine, bool onnxCuda, DeviceType expectedDevice)
    {
        var choice = InferenceEngines.ChooseForExported(device, engine, onnxCuda);
        Assert.That((choice.Engine, choice.Device, choice.ChosenByAuto), Is.EqualTo((InferenceEngine.Onnx, expectedDevice, engine == InferenceEngine.Auto)));
    }

    [Test]
    public void AnExportedModelOnTorchSharpOrOnAMissingCudaProviderIsAnErrorThatSaysWhy()
    {
        var torch = Assert.Throws<InvalidOperationException>(() => InferenceEngines.ChooseForExported(DeviceRequest.Auto, InferenceEngine.Torch, true));
        var cuda = Assert.Throws<InvalidOperationException>(() => InferenceEngines.ChooseForExported(DeviceRequest.Cuda, InferenceEngine.Auto, false));
        Assert.Multiple(() =>
        {
            Assert.That(torch!.Message, Does.Contain("exported model").And.Contain(".safetensors"));
            Assert.That(cuda!.Message, Does.Contain("-p:OnnxBackend=cuda"));
        });
    }

    [Test]
    public void UnknownEngineIsNamed() =>
        Assert.That(Assert.Throws<ArgumentException>(() => InferenceEngines.Parse("tensorrt"))!.Message, Does.Contain("'tensorrt'"));
}
