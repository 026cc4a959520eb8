using OccluNet.Live.Model.Temporal;
using OccluNet.Live.Model.Yolox;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

/// <summary>
/// Paths that replaced a TorchSharp call making implicit Scalars (see KeptScalars) must give that call's result bit
/// for bit: training-mode BatchNorm (TorchSharp's <c>num_batches_tracked.add_(1)</c>) and the learned position table's
/// start (TorchSharp's <c>normal(0, 0.02, ...)</c>). NesterovSgdTests does the same for the SGD step.
/// </summary>
public sealed class ExplicitScalarPathsTests
{
    [Test]
    public void TrainingModeConvModuleEqualsTorchSharpsBatchNormBitForBit()
    {
        manual_seed(4);
        using var ours = new ConvModule(3, 8, 3);
        using var theirs = new ConvModule(3, 8, 3);
        theirs.load_state_dict(ours.state_dict());
        ours.train();
        theirs.train();
        using var scope = NewDisposeScope();
        // The module's momentum, then 1/k as BatchNormCalibration sets it, then none (TorchSharp's cumulative average).
        double?[] momenta = [ConvModule.BatchNormMomentum, 0.5, null];
        for (int step = 0; step < momenta.Length; step++)
        {
            ours.Norm.momentum = theirs.Norm.momentum = momenta[step];
            var x = randn(2, 3, 9, 9);
            var y = ours.call(x);
            var expected = nn.functional.silu(theirs.Norm.call(theirs.Conv.call(x)));
            Assert.That(y.bytes.ToArray(), Is.EqualTo(expected.bytes.ToArray()), $"output of step {step}");
        }
        var a = ours.Norm;
        var b = theirs.Norm;
        Assert.That(a.num_batches_tracked!.item<long>(), Is.EqualTo(3));
        Assert.That(b.num_batches_tracked!.item<long>(), Is.EqualTo(3));
        Assert.That(a.running_mean!.bytes.ToArray(), Is.EqualTo(b.running_mean!.bytes.ToArray()));
        Assert.That(a.running_var!.bytes.ToArray(), Is.EqualTo(b.running_var!.bytes.ToArray()));
        Assert.That(a.running_mean.abs().sum().item<float>(), Is.GreaterThan(0f), "the statistics moved");
    }

    [Test]
    public void LearnedPositionTableStartsAsTorchSharpsNormalDrawsIt()
    {
        manual_seed(8);
        using var expected = normal(0, 0.02, [1, 3, 16]);
        manual_seed(8);
        using var encoding = new PositionalEncoding(PositionalEncodingKind.Learned, 3, 16);
        var weight = encoding.state_dict()["weight"];
        Assert.That(weight.shape, Is.EqualTo(new long[] { 1, 3, 16 }));
        Assert.That(weight.bytes.ToArray(), Is.EqualTo(expected.bytes.ToArray()));
        Assert.That(weight.std().item<float>(), Is.InRange(0.01f, 0.03f));
    }
}
