using OccluNet.Live.Model.Temporal;
using OccluNet.Live.Model.Yolox;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

public sealed class ParameterCountTests
{
    private static long Count(nn.Module module) => module.parameters().Sum(p => p.numel());

    [Test]
    public void YoloxSWithOneClassHasTheSpecCount()
    {
        using var model = new OccluNetModel(new OccluNetConfig(YoloxScale.S, 1, TemporalConfig.SpatialOnly));
        Assert.Multiple(() =>
        {
            Assert.That(Count(model.Backbone), Is.EqualTo(4_212_672));
            Assert.That(Count(model.Neck), Is.EqualTo(2_950_144));
            Assert.That(Count(model.Head), Is.EqualTo(1_774_866));
            Assert.That(Count(model), Is.EqualTo(8_937_682));
        });
    }

    [Test]
    public void YoloxSWithEightyClassesMatchesMegviisPublishedCount()
    {
        using var model = new OccluNetModel(new OccluNetConfig(YoloxScale.S, 80, TemporalConfig.SpatialOnly));
        Assert.That(Count(model), Is.EqualTo(8_968_255));
    }

    [Test]
    public void OccluNet1TemporalModuleAsCodedHas546432Parameters()
    {
        using var temporal = new TemporalTransformer(new TemporalConfig(), 128);
        Assert.That(Count(temporal), Is.EqualTo(546_432));
    }

    [Test]
    public void OccluNet2HasTwoAttentionsAndThreeNormsPerLayer()
    {
        using var temporal = new DividedSpaceTimeTransformer(new TemporalConfig(TemporalVariant.OccluNet2), 128);
        Assert.That(Count(temporal), Is.EqualTo(16_512 + 4 * (2 * 66_048 + 65_920 + 3 * 256)));
    }

    [Test]
    public void LearnedPositionalEncodingAddsOneTablePerWindow()
    {
        using var temporal = new TemporalTransformer(new TemporalConfig(PositionalEncoding: PositionalEncodingKind.Learned), 128);
        Assert.That(Count(temporal), Is.EqualTo(546_432 + 3 * 128));
        Assert.That(temporal.state_dict().Keys, Does.Contain("positional_encoding.weight"));
    }

    [Test]
    public void NanoMatchesTheOnnxParameterCountAfterFolding()
    {
        // The ONNX file holds 904,463 folded values: per ConvModule, weight + bias (BN folded) = conv + out channels.
        using var model = new OccluNetModel(new OccluNetConfig(YoloxScale.Nano, 80, TemporalConfig.SpatialOnly));
        long folded = model.named_modules().Select(m => m.module).Sum(m => m switch
        {
            ConvModule c => c.Conv.weight!.numel() + c.Conv.weight!.shape[0],
            TorchSharp.Modules.Conv2d p when p.bias is not null => p.weight!.numel() + p.bias.numel(),
            _ => 0,
        });
        Assert.That(folded, Is.EqualTo(904_463));
    }
}
