using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Model.Yolox;
using OccluNet.Live.Tests.Shared;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

/// <summary>YOLOX-nano with Megvii's weights reproduces ONNX Runtime's golden tensors (README: correct float32 lands within ~1e-4).</summary>
public sealed class MegviiParityTests
{
    private const double Tolerance = 1e-4;
    private static string Golden(string name) => RepoPaths.Require(Path.Combine(RepoPaths.YoloxReference, "golden", name));
    private static string NanoOnnx => RepoPaths.Require(Path.Combine(RepoPaths.YoloxReference, "yolox_nano.onnx"));

    private static Tensor ReadGolden(string name, params long[] shape)
    {
        var bytes = File.ReadAllBytes(Golden(name));
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        return tensor(values, shape);
    }

    private static double MaxAbsDiff(Tensor a, Tensor b)
    {
        Assert.That(a.shape, Is.EqualTo(b.shape));
        return (a - b).abs().max().item<float>();
    }

    [Test]
    public void NanoReproducesTheGoldenOutputAndAllNineIntermediates()
    {
        using var model = new OccluNetModel(new OccluNetConfig(YoloxScale.Nano, 80, TemporalConfig.SpatialOnly));
        MegviiOnnxImporter.Load(model, NanoOnnx);
        model.eval();
        using var scope = NewDisposeScope();
        using var _ = inference_mode();
        var input = ReadGolden("input_images.f32", 1, 3, 416, 416);

        var stages = model.Backbone.call(input);
        var neck = model.Neck.ForwardAll([stages[2], stages[3], stages[4]]);
        var output = model.DetectWindow(neck.Outputs.Select(l => l.unsqueeze(1)).ToArray()).Flatten(sigmoid: true);

        var diffs = new Dictionary<string, double>
        {
            ["dark2"] = MaxAbsDiff(stages[1], ReadGolden("dark2.f32", 1, 32, 104, 104)),
            ["dark3"] = MaxAbsDiff(stages[2], ReadGolden("dark3.f32", 1, 64, 52, 52)),
            ["dark4"] = MaxAbsDiff(stages[3], ReadGolden("dark4.f32", 1, 128, 26, 26)),
            ["dark5"] = MaxAbsDiff(stages[4], ReadGolden("dark5.f32", 1, 256, 13, 13)),
            ["fpn_out0"] = MaxAbsDiff(neck.Reduced5, ReadGolden("fpn_out0.f32", 1, 128, 13, 13)),
            ["fpn_out1"] = MaxAbsDiff(neck.Reduced4, ReadGolden("fpn_out1.f32", 1, 64, 26, 26)),
            ["pan_out2"] = MaxAbsDiff(neck.TopDown3, ReadGolden("pan_out2.f32", 1, 64, 52, 52)),
            ["pan_out1"] = MaxAbsDiff(neck.BottomUp4, ReadGolden("pan_out1.f32", 1, 128, 26, 26)),
            ["pan_out0"] = MaxAbsDiff(neck.BottomUp5, ReadGolden("pan_out0.f32", 1, 256, 13, 13)),
            ["output"] = MaxAbsDiff(output, ReadGolden("output.f32", 1, 3549, 85)),
        };
        TestContext.Out.WriteLine(string.Join(", ", diffs.Select(d => $"{d.Key} {d.Value:E2}")));
        Assert.Multiple(() =>
        {
            foreach (var (name, diff) in diffs) Assert.That(diff, Is.LessThanOrEqualTo(Tolerance), name);
        });
    }

    [Test]
    public void AScaleThatDoesNotFitTheFileIsRefusedWithTheReason()
    {
        using var model = new OccluNetModel(new OccluNetConfig(YoloxScale.Tiny, 80, TemporalConfig.SpatialOnly));
        var e = Assert.Throws<InvalidDataException>(() => MegviiOnnxImporter.Load(model, NanoOnnx));
        Assert.That(e!.Message, Does.Contain("yolox_nano.onnx").And.Contain("tiny"));
    }

    [Test]
    public void WrongClassCountIsListedByModuleAndShape()
    {
        using var model = new OccluNetModel(new OccluNetConfig(YoloxScale.Nano, 1, TemporalConfig.SpatialOnly));
        var e = Assert.Throws<InvalidDataException>(() => MegviiOnnxImporter.Load(model, NanoOnnx));
        Assert.That(e!.Message, Does.Contain("bbox_head.multi_level_conv_cls.0").And.Contain("[80,64,1,1]"));
    }

    [Test]
    public void ATruncatedFileGivesAClearError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, File.ReadAllBytes(NanoOnnx).AsSpan(0, 5000).ToArray());
        try
        {
            using var model = new OccluNetModel(new OccluNetConfig(YoloxScale.Nano, 80, TemporalConfig.SpatialOnly));
            var e = Assert.Throws<InvalidDataException>(() => MegviiOnnxImporter.Load(model, path));
            Assert.That(e!.Message, Does.Contain(path));
        }
        finally { File.Delete(path); }
    }
}
