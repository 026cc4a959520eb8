using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Yolox;

namespace OccluNet.Live.Model.Tests;

public sealed class MmdetStateDictTests : TempFolderTest
{
    [Test]
    public void YoloxSStateDictHasMmdetectionsKeysAndShapes()
    {
        using var model = new OccluNetModel(OccluNetConfig.OccluNet1AsCoded);
        var dict = model.state_dict();
        var yolox = dict.Where(p => !p.Key.StartsWith("temporal_cfg.")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(yolox, Has.Count.EqualTo(462), "MMDetection's YOLOX-S state dict has 462 entries");
            Assert.That(model.parameters().Count() - model.Temporal!.parameters().Count(), Is.EqualTo(240));
            Assert.That(dict["backbone.stem.conv.conv.weight"].shape, Is.EqualTo(new long[] { 32, 12, 3, 3 }));
            Assert.That(dict["backbone.stage2.1.blocks.2.conv2.conv.weight"].shape, Is.EqualTo(new long[] { 64, 64, 3, 3 }));
            Assert.That(dict["backbone.stage4.1.conv2.conv.weight"].shape, Is.EqualTo(new long[] { 512, 1024, 1, 1 }));
            Assert.That(dict["bbox_head.multi_level_conv_cls.0.weight"].shape, Is.EqualTo(new long[] { 1, 128, 1, 1 }));
            Assert.That(dict["temporal_cfg.input_net.1.weight"].shape, Is.EqualTo(new long[] { 128, 128 }));
            Assert.That(dict["temporal_cfg.transformer.layers.3.self_attn.qkv_proj.weight"].shape, Is.EqualTo(new long[] { 384, 128 }));
            Assert.That(dict["temporal_cfg.transformer.layers.0.linear_net.3.weight"].shape, Is.EqualTo(new long[] { 128, 256 }));
            Assert.That(dict.Keys, Does.Contain("neck.top_down_blocks.0.final_conv.bn.num_batches_tracked"));
            Assert.That(dict.Keys.Where(k => k.StartsWith("temporal_cfg.")), Has.None.Contains("positional"), "the sinusoidal table is not saved");
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public void ExportThenImportIsBitExact(bool mmdetCheckpoint)
    {
        var config = TinyModels.Config(TemporalVariant.OccluNet1);
        using var original = TinyModels.Build(config, seed: 1);
        using var copy = TinyModels.Build(config, seed: 2);
        var path = Path.Combine(Folder, "model.pth");
        MmdetStateDict.Export(original, path, mmdetCheckpoint);
        MmdetStateDict.Import(copy, path);
        var a = original.state_dict();
        var b = copy.state_dict();
        Assert.That(b.Keys, Is.EqualTo(a.Keys).And.Count.GreaterThan(100), "the same parameters and buffers, all of them");
        foreach (var key in a.Keys) Assert.That(b[key].bytes.ToArray(), Is.EqualTo(a[key].bytes.ToArray()), key);
    }

    [Test]
    public void AWrongStateDictListsMissingUnexpectedAndMisShapedKeys()
    {
        using var spatial = TinyModels.Build(new OccluNetConfig(TinyModels.Scale, 3, TemporalConfig.SpatialOnly));
        var path = Path.Combine(Folder, "coco.pth");
        MmdetStateDict.Export(spatial, path);
        using var occlunet = TinyModels.Build(TinyModels.Config(TemporalVariant.OccluNet1));
        var e = Assert.Throws<InvalidDataException>(() => MmdetStateDict.Import(occlunet, path));
        Assert.That(e!.Message, Does.Contain(path)
            .And.Contain("missing (").And.Contain("temporal_cfg.input_net.1.weight")
            .And.Contain("bbox_head.multi_level_conv_cls.0.weight: file [3,32,1,1], model [1,32,1,1]"));

        using var small = TinyModels.Build(new OccluNetConfig(YoloxScale.Custom(0.33, 0.0625), 3, TemporalConfig.SpatialOnly));
        var e2 = Assert.Throws<InvalidDataException>(() => MmdetStateDict.Import(small, path));
        Assert.That(e2!.Message, Does.Contain("mis-shaped").And.Contain("backbone.stem.conv.conv.weight: file [8,12,3,3], model [4,12,3,3]"));
    }

    [Test]
    public void PretrainedDetectorModeKeepsFreshTemporalModuleAndClassConvs()
    {
        using var coco = TinyModels.Build(new OccluNetConfig(TinyModels.Scale, 80, TemporalConfig.SpatialOnly), seed: 4);
        var path = Path.Combine(Folder, "coco.pth");
        MmdetStateDict.Export(coco, path);
        using var occlunet = TinyModels.Build(TinyModels.Config(TemporalVariant.OccluNet1), seed: 5);
        var freshTemporal = occlunet.state_dict()["temporal_cfg.input_net.1.weight"].clone();
        var freshCls = occlunet.state_dict()["bbox_head.multi_level_conv_cls.0.weight"].clone();
        MmdetStateDict.Import(occlunet, path, ImportMode.PretrainedDetector);
        var loaded = occlunet.state_dict();
        Assert.Multiple(() =>
        {
            Assert.That(loaded["backbone.stem.conv.conv.weight"].bytes.ToArray(), Is.EqualTo(coco.state_dict()["backbone.stem.conv.conv.weight"].bytes.ToArray()));
            Assert.That(loaded["bbox_head.multi_level_conv_obj.2.bias"].item<float>(), Is.EqualTo(coco.state_dict()["bbox_head.multi_level_conv_obj.2.bias"].item<float>()));
            Assert.That(loaded["temporal_cfg.input_net.1.weight"].bytes.ToArray(), Is.EqualTo(freshTemporal.bytes.ToArray()));
            Assert.That(loaded["bbox_head.multi_level_conv_cls.0.weight"].bytes.ToArray(), Is.EqualTo(freshCls.bytes.ToArray()));
        });
    }

    [Test]
    public void NotAPickleGivesAClearError()
    {
        var path = Path.Combine(Folder, "noise.pth");
        File.WriteAllText(path, "not a checkpoint");
        var e = Assert.Throws<InvalidDataException>(() => MmdetStateDict.Read(path));
        Assert.That(e!.Message, Does.Contain(path));
    }
}
