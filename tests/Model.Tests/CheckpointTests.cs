using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Tests.Shared;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

public sealed class CheckpointTests : TempFolderTest
{
    private static CheckpointMetadata Metadata(OccluNetConfig config) =>
        CheckpointMetadata.For(config, TinyModels.InputSize, InputNormalisation.Default, ["occlusion"], "unit test", "0000000");

    [TestCase(TemporalVariant.OccluNet1)]
    [TestCase(TemporalVariant.OccluNet2)]
    [TestCase(TemporalVariant.None)]
    public void SaveAndLoadAreBitExact(TemporalVariant variant)
    {
        var config = TinyModels.Config(variant, WindowMode.Causal) with
        {
            Temporal = variant == TemporalVariant.None ? TemporalConfig.SpatialOnly
                : TinyModels.Config(variant, WindowMode.Causal).Temporal with { PositionalEncoding = PositionalEncodingKind.Learned },
        };
        using var original = TinyModels.Build(config);
        var path = Path.Combine(Folder, "model.safetensors");
        Checkpoint.Save(path, original, Metadata(config));

        var (loaded, metadata) = Checkpoint.LoadModel(path);
        using (loaded)
        {
            var a = original.state_dict();
            var b = loaded.state_dict();
            Assert.That(b.Keys, Is.EqualTo(a.Keys).And.Count.GreaterThan(100));
            foreach (var key in a.Keys)
                Assert.That(b[key].bytes.ToArray(), Is.EqualTo(a[key].bytes.ToArray()), key);
            Assert.That(metadata.ModelConfig, Is.EqualTo(config).Using<OccluNetConfig>((x, y) => JsonSerializer.Serialize(x) == JsonSerializer.Serialize(y)));
            Assert.That(metadata.Architecture, Is.EqualTo(variant == TemporalVariant.None ? "YOLOX" : variant.ToString()));
            Assert.That(JsonSerializer.Serialize(Checkpoint.ReadMetadata(path)), Is.EqualTo(JsonSerializer.Serialize(metadata)));
        }
    }

    [Test]
    public void LoadedDetectorMatchesTheModelItWasSavedFrom()
    {
        var config = TinyModels.Config(TemporalVariant.OccluNet1, WindowMode.Causal);
        var path = Path.Combine(Folder, "model.safetensors");
        using (var model = TinyModels.Build(config)) Checkpoint.Save(path, model, Metadata(config));
        using var direct = new StreamingOcclusionDetector(TinyModels.Build(config), TinyModels.Info(config), CPU);
        using var fromFile = (StreamingOcclusionDetector)Checkpoint.LoadDetector(path, CPU);
        var frames = TinyModels.Frames(3);
        for (int i = 0; i < 3; i++) { direct.Encode(i, frames[i]); fromFile.Encode(i, frames[i]); }
        using var a = direct.DetectRaw(2);
        using var b = fromFile.DetectRaw(2);
        Assert.Multiple(() =>
        {
            // The loaded detector runs the lean form (BN folded into the convs, last temporal layer on the output frame only).
            Assert.That((a - b).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-4));
            Assert.That(fromFile.Info.WindowMode, Is.EqualTo(WindowMode.Causal));
            Assert.That(fromFile.Info.WeightsSha256, Has.Length.EqualTo(64));
            Assert.That(fromFile.Info.Classes.Names, Is.EqualTo(new[] { "occlusion" }));
        });
    }

    [Test]
    public void AWrongFileListsMissingUnexpectedAndMisShapedKeys()
    {
        var config = TinyModels.Config(TemporalVariant.None);
        using var model = TinyModels.Build(config with { NumClasses = 3 });
        var tensors = model.state_dict().Where(p => p.Key != "backbone.stem.conv.conv.weight").ToList();
        using var extra = zeros(2);
        tensors.Add(KeyValuePair.Create("temporal_cfg.stray.weight", extra));
        var path = Path.Combine(Folder, "wrong.safetensors");
        SafetensorsFile.Save(path, tensors, new Dictionary<string, string> { ["occlunet"] = JsonSerializer.Serialize(Metadata(config), DomainJson.Options) });

        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.LoadModel(path));
        Assert.That(e!.Message, Does.Contain(path)
            .And.Contain("missing (1): backbone.stem.conv.conv.weight")
            .And.Contain("unexpected (1): temporal_cfg.stray.weight")
            .And.Contain("bbox_head.multi_level_conv_cls.0.weight: file [3,32,1,1], model [1,32,1,1]"));
    }

    [Test]
    public void NonFiniteWeightsAreRefusedWithTheTensorsName()
    {
        var config = TinyModels.Config(TemporalVariant.OccluNet1);
        using var model = TinyModels.Build(config);
        var path = Path.Combine(Folder, "diverged.safetensors");
        var weights = model.state_dict();
        var names = weights.Keys.Where(k => weights[k].is_floating_point() && weights[k].NumberOfElements > 1).Order(StringComparer.Ordinal).ToList();
        string nan = names[5], infinite = names[10];
        using (no_grad())
        {
            weights[nan].flatten()[0] = float.NaN;
            weights[infinite].flatten()[1] = float.NegativeInfinity;
        }
        Checkpoint.Save(path, model, Metadata(config));

        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.LoadModel(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("not finite")
            .And.Contain($"'{nan}' has 1 of {weights[nan].NumberOfElements} values NaN or infinite").And.Contain("and 1 more tensor(s)"));
        Assert.That(e.Message, Does.Not.Contain("\n"), "one line");
        Assert.Throws<InvalidDataException>(() => Checkpoint.LoadForInference(path, CPU), "the inference path refuses it too");
    }

    [Test]
    public void NotACheckpointGivesAClearError()
    {
        var path = Path.Combine(Folder, "noise.safetensors");
        File.WriteAllBytes(path, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.LoadModel(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("not a safetensors file"));
        var e2 = Assert.Throws<InvalidDataException>(() => Checkpoint.ReadMetadata(path));
        Assert.That(e2!.Message, Does.Contain(path).And.Contain("not a safetensors file"));
    }

    static float[] Scores(IOcclusionDetector detector)
    {
        var frames = TinyModels.Frames(3);
        for (int i = 0; i < 3; i++) detector.Encode(i, frames[i]);
        return detector.Detect(2).Detections.Select(d => d.Score).ToArray();
    }

    [Test]
    public void AnOperatingPointTravelsWithTheWeightsAndSetsTheDetectorThreshold()
    {
        var config = TinyModels.Config(TemporalVariant.OccluNet1, WindowMode.Causal);
        var source = Path.Combine(Folder, "model.safetensors");
        using (var model = TinyModels.Build(config)) Checkpoint.Save(source, model, Metadata(config));
        float[] all;
        using (var everything = Checkpoint.LoadDetector(source, CPU, DetectionSettings.Default with { ScoreThreshold = 0f })) all = Scores(everything);
        Assert.That(all, Has.Length.GreaterThan(10), "threshold 0 keeps every box that survives NMS");
        float threshold = all.OrderDescending().ElementAt(all.Length / 2);

        var copy = Path.Combine(Folder, "calibrated.safetensors");
        Checkpoint.CopyWithOperatingPoint(source, copy, new OperatingPoint(threshold, "max F1", "unit test", 0.9, 0.8));

        Assert.That(Checkpoint.ReadMetadata(copy).OperatingPoint, Is.EqualTo(new OperatingPoint(threshold, "max F1", "unit test", 0.9, 0.8)));
        Assert.That(Checkpoint.ReadMetadata(source).OperatingPoint, Is.Null, "the source is not touched");
        var (a, _) = Checkpoint.LoadModel(source);
        var (b, _) = Checkpoint.LoadModel(copy);
        using (a)
        using (b)
        {
            Assert.That(b.state_dict().Keys, Is.EqualTo(a.state_dict().Keys).And.Count.GreaterThan(100));
            foreach (var (key, t) in a.state_dict()) Assert.That(b.state_dict()[key].bytes.ToArray(), Is.EqualTo(t.bytes.ToArray()), key);
        }
        using var calibrated = Checkpoint.LoadDetector(copy, CPU);
        var kept = Scores(calibrated);
        Assert.That(kept, Has.Length.EqualTo(all.Count(s => s >= threshold)).And.All.GreaterThanOrEqualTo(threshold));
        Assert.That(kept, Has.Length.LessThan(all.Length));
        using var uncalibrated = Checkpoint.LoadDetector(source, CPU);
        Assert.That(Scores(uncalibrated), Is.All.GreaterThanOrEqualTo(DetectionSettings.Default.ScoreThreshold), "without an operating point: the paper's 0.01");
    }

    [Test]
    public void ACalibratedCopyNeverOverwritesAndABadThresholdIsRefusedWithTheFileName()
    {
        var config = TinyModels.Config(TemporalVariant.None);
        var source = Path.Combine(Folder, "model.safetensors");
        using (var model = TinyModels.Build(config)) Checkpoint.Save(source, model, Metadata(config));
        var existing = Path.Combine(Folder, "existing.safetensors");
        File.WriteAllText(existing, "keep me");

        Assert.Throws<IOException>(() => Checkpoint.CopyWithOperatingPoint(source, existing, new OperatingPoint(0.3f, "max F1", "t", null, null)));
        Assert.That(File.ReadAllText(existing), Is.EqualTo("keep me"));

        var bad = Path.Combine(Folder, "bad.safetensors");
        using (var model = TinyModels.Build(config)) Checkpoint.Save(bad, model, Metadata(config) with { OperatingPoint = new OperatingPoint(1.5f, "x", "t", null, null) });
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.ReadMetadata(bad));
        Assert.That(e!.Message, Does.Contain(bad).And.Contain("1.5"));

        var noPoints = Path.Combine(Folder, "no-points.safetensors");
        using (var model = TinyModels.Build(config)) Checkpoint.Save(noPoints, model, Metadata(config) with { OperatingPoint = new OperatingPoint(0.3f, "x", "t", null, null, MinPoints: 0) });
        e = Assert.Throws<InvalidDataException>(() => Checkpoint.ReadMetadata(noPoints));
        Assert.That(e!.Message, Does.Contain(noPoints).And.Contain("minimum trajectory points 0"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Checkpoint.CopyWithOperatingPoint(source, Path.Combine(Folder, "never.safetensors"),
            new OperatingPoint(0.3f, "x", "t", null, null, MinPoints: 0)));
        Assert.That(File.Exists(Path.Combine(Folder, "never.safetensors")), Is.False);
    }

    [Test]
    public void AnOperatingPointKeepsItsMinimumOfPointsAndOlderOnesReadAsOne()
    {
        var config = TinyModels.Config(TemporalVariant.None);
        var source = Path.Combine(Folder, "model.safetensors");
        using (var model = TinyModels.Build(config)) Checkpoint.Save(source, model, Metadata(config));
        var copy = Path.Combine(Folder, "three.safetensors");
        Checkpoint.CopyWithOperatingPoint(source, copy, new OperatingPoint(0.3f, "x", "t", 0.9, 0.8, MinPoints: 3));

        Assert.That(Checkpoint.ReadMetadata(copy).OperatingPoint!.MinPoints, Is.EqualTo(3));
        Assert.That(Checkpoint.ReadMetadata(copy).DetectionSettings.MinTrajectoryPoints, Is.EqualTo(3));
        Assert.That(Checkpoint.ReadMetadata(copy).PaperThresholdSettings.MinTrajectoryPoints, Is.EqualTo(1), "the paper's threshold with the paper's single point");
        Assert.That(Checkpoint.ReadMetadata(source).DetectionSettings.MinTrajectoryPoints, Is.EqualTo(1), "no operating point: the paper's single detection");
        using (var loaded = Checkpoint.LoadForInference(copy, CPU))
            Assert.That((loaded.Settings.MinTrajectoryPoints, loaded.Detector.Info.MinTrajectoryPoints), Is.EqualTo((3, 3)), "the detector reports what its findings need");
        var shipped = Checkpoint.ReadMetadata(RepoPaths.Require(Path.Combine(RepoPaths.Root, "models", "phantom2", "occlunet1-causal-mirror.safetensors")));
        Assert.That((shipped.OperatingPoint!.MinPoints, shipped.DetectionSettings.MinTrajectoryPoints), Is.EqualTo((1, 1)), "written before the field existed");
    }
}
