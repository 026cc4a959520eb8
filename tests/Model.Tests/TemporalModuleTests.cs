using OccluNet.Live.Domain;
using OccluNet.Live.Model.Temporal;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

public sealed class TemporalModuleTests
{
    [Test]
    public void PaddedSpatialWindowsAreMaskedSoTheyEqualUnpaddedAttention()
    {
        // A 5 x 5 map in one 8 x 8 window (39 padded keys) must equal the same map in one exact 5 x 5 window.
        manual_seed(3);
        using var padded = new DividedSpaceTimeBlock(new TemporalConfig(TemporalVariant.OccluNet2, SpatialWindow: 8), 16);
        manual_seed(3);
        using var exact = new DividedSpaceTimeBlock(new TemporalConfig(TemporalVariant.OccluNet2, SpatialWindow: 5), 16);
        using var scope = NewDisposeScope();
        var x = randn([2, 3, 5, 5, 16]);
        Assert.That((padded.call(x) - exact.call(x)).abs().max().item<float>(), Is.LessThan(1e-5));
    }

    [Test]
    public void WindowPartitionAndMergeRoundTripWithPadding()
    {
        using var scope = NewDisposeScope();
        var x = randn(2, 7, 10, 4);
        var windows = SpatialWindows.Partition(x, 4);
        Assert.That(windows.shape, Is.EqualTo(new long[] { 2 * 2 * 3, 16, 4 }));
        Assert.That((SpatialWindows.Merge(windows, 2, 7, 10, 4) - x).abs().max().item<float>(), Is.Zero);
    }

    [Test]
    public void SpatialAttentionMixesLocationsWithinAWindowOnly()
    {
        // Changing one location changes OccluNet2's output in its own window and nowhere else (OccluNet1: only itself).
        manual_seed(5);
        var config = new TemporalConfig(TemporalVariant.OccluNet2, Layers: 1, SpatialWindow: 4);
        using var module = new DividedSpaceTimeTransformer(config, 16);
        module.eval();
        using var scope = NewDisposeScope();
        var x = randn([1, 3, 16, 8, 8]);
        var changed = x.clone();
        changed[0, 1, TensorIndex.Colon, 0, 0] = changed[0, 1, TensorIndex.Colon, 0, 0] + 5;
        var delta = (module.call(x) - module.call(changed)).abs().amax([0, 1]);
        Assert.Multiple(() =>
        {
            Assert.That(delta[TensorIndex.Slice(0, 4), TensorIndex.Slice(0, 4)].min().item<float>(), Is.GreaterThan(1e-6), "same window");
            Assert.That(delta[TensorIndex.Slice(4, 8), TensorIndex.Colon].max().item<float>(), Is.Zero, "other windows");
            Assert.That(delta[TensorIndex.Colon, TensorIndex.Slice(4, 8)].max().item<float>(), Is.Zero, "other windows");
        });
    }

    [Test]
    public void SinusoidalTableFollowsTheFormula()
    {
        using var scope = NewDisposeScope();
        var table = PositionalEncoding.Sinusoidal(3, 8, CPU);
        Assert.Multiple(() =>
        {
            Assert.That(table[0, 1, 0].item<float>(), Is.EqualTo((float)Math.Sin(1.0)).Within(1e-6));
            Assert.That(table[0, 2, 1].item<float>(), Is.EqualTo((float)Math.Cos(2.0)).Within(1e-6));
            Assert.That(table[0, 2, 2].item<float>(), Is.EqualTo((float)Math.Sin(2.0 / Math.Pow(10000, 2.0 / 8))).Within(1e-6));
        });
    }

    [Test]
    public void TheOutputFrameIsTheCentreOrTheNewest()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new TemporalConfig(Mode: WindowMode.Centred).Window.OutputIndex, Is.EqualTo(1));
            Assert.That(new TemporalConfig(Mode: WindowMode.Causal).Window.OutputIndex, Is.EqualTo(2));
            Assert.That(TemporalConfig.SpatialOnly.Window.OutputIndex, Is.Zero);
            Assert.That(() => new OccluNetModel(new OccluNetConfig(TinyModels.Scale, 1, new TemporalConfig(TemporalVariant.None))),
                Throws.ArgumentException.With.Message.Contains("window of 1 frame"));
        });
    }
}
