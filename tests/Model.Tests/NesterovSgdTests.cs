using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Model.Training;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

/// <summary>
/// NesterovSgd against TorchSharp's optim.SGD (the port of torch.optim.SGD that training used before) and against
/// PyTorch's update rule written out in doubles, with fixed gradients on a tiny OccluNet1 (conv, linear, BatchNorm,
/// LayerNorm: both parameter groups).
/// </summary>
public sealed class NesterovSgdTests : TempFolderTest
{
    static readonly OccluNetConfig Config = TinyModels.Config(TemporalVariant.OccluNet1);
    static readonly double[] Rates = [0.01, 0.02, 0.015, 0.005, 0.01];

    /// <summary>The parameter that gets its first gradient only at step 2 (a parameter without one is left alone).</summary>
    const int LateParameter = 0;

    [Test]
    public void FiveStepsEqualTorchSharpsSgdBitForBit()
    {
        using var ours = TinyModels.Build(Config);
        using var theirs = TinyModels.Build(Config);
        using var start = TinyModels.Build(Config);
        using (var sgd = new NesterovSgd(ours, new SgdSettings()))
        using (var reference = OptimizerFactory.Create(theirs, new SgdSettings()))
        {
            for (int step = 0; step < Rates.Length; step++)
            {
                SetGradients(ours, step);
                SetGradients(theirs, step);
                sgd.Step(Rates[step]);
                foreach (var group in reference.ParamGroups) group.LearningRate = Rates[step];
                reference.step();
            }
            Assert.That(sgd.BufferCount, Is.EqualTo(ours.parameters().Count()));
        }
        var moved = Parameters(ours).Zip(Parameters(start)).Count(p => !p.First.SequenceEqual(p.Second));
        Assert.That(moved, Is.EqualTo(ours.parameters().Count()), "every parameter stepped");
        AssertBitIdentical(ours, theirs);
    }

    [Test]
    public void StepsFollowPyTorchsNesterovRuleWithDecayOnConvAndLinearWeightsOnly()
    {
        using var model = TinyModels.Build(Config);
        var settings = new SgdSettings();
        var decayed = OptimizerFactory.Split(model).Decayed.Select(p => p.Handle).ToHashSet();
        var isDecayed = model.parameters().Select(p => decayed.Contains(p.Handle)).ToArray();
        var expected = Parameters(model).Select(p => p.Select(v => (double)v).ToArray()).ToArray();
        var buffers = new double[expected.Length][];
        using (var sgd = new NesterovSgd(model, settings))
        {
            for (int step = 0; step < Rates.Length; step++)
            {
                var gradients = SetGradients(model, step);
                sgd.Step(Rates[step]);
                for (int i = 0; i < expected.Length; i++)
                {
                    if (gradients[i] is not { } g) continue;
                    var p = expected[i];
                    // torch.optim.SGD: d = g + wd p; b = d (first) or mu b + d; d = d + mu b; p = p - lr d.
                    var d = g.Select((gj, j) => gj + (isDecayed[i] ? settings.WeightDecay * p[j] : 0)).ToArray();
                    buffers[i] = buffers[i] is { } b ? b.Select((bj, j) => settings.Momentum * bj + d[j]).ToArray() : d;
                    for (int j = 0; j < p.Length; j++) p[j] -= Rates[step] * (d[j] + settings.Momentum * buffers[i][j]);
                }
            }
        }
        var actual = Parameters(model);
        Assert.That(actual, Has.Length.EqualTo(expected.Length).And.Length.GreaterThan(50));
        double worst = actual.Zip(expected).Max(p => p.First.Zip(p.Second).Max(v => Math.Abs(v.First - v.Second)));
        // float32 arithmetic against doubles over 5 steps; a wrong rule (plain momentum, decay on the other group)
        // is off by lr * mu * |b| or lr * wd * |p|, orders of magnitude more.
        TestContext.Out.WriteLine($"worst |float32 - double| after {Rates.Length} steps: {worst:E2}");
        Assert.That(worst, Is.LessThanOrEqualTo(1e-6));
    }

    [Test]
    public void ResumingFromItsOwnFileOrTorchSharpsOptimizerBinEqualsAnUninterruptedRun()
    {
        using var straight = TinyModels.Build(Config);
        using (var sgd = new NesterovSgd(straight, new SgdSettings()))
            for (int step = 0; step < Rates.Length; step++) Step(straight, sgd, step);

        using var resumed = TinyModels.Build(Config);
        string ours = Path.Combine(Folder, "optimizer.bin");
        using (var sgd = new NesterovSgd(resumed, new SgdSettings()))
        {
            for (int step = 0; step < 2; step++) Step(resumed, sgd, step);
            sgd.Save(ours);
        }
        using (var sgd = new NesterovSgd(resumed, new SgdSettings()))
        {
            sgd.Load(ours);
            Assert.That(sgd.BufferCount, Is.EqualTo(resumed.parameters().Count() - 1), "the late parameter has no buffer yet");
            for (int step = 2; step < Rates.Length; step++) Step(resumed, sgd, step);
        }
        AssertBitIdentical(resumed, straight);

        // A run started with TorchSharp's SGD (its optimizer.bin) continues with NesterovSgd as if uninterrupted.
        using var legacy = TinyModels.Build(Config);
        string theirs = Path.Combine(Folder, "torchsharp-optimizer.bin");
        using (var reference = OptimizerFactory.Create(legacy, new SgdSettings()))
        {
            for (int step = 0; step < 2; step++)
            {
                SetGradients(legacy, step);
                foreach (var group in reference.ParamGroups) group.LearningRate = Rates[step];
                reference.step();
            }
            reference.save_state_dict(theirs);
        }
        using (var sgd = new NesterovSgd(legacy, new SgdSettings()))
        {
            sgd.Load(theirs);
            for (int step = 2; step < Rates.Length; step++) Step(legacy, sgd, step);
        }
        AssertBitIdentical(legacy, straight);
    }

    [Test]
    public void AFileThatIsNotThisModelsOptimizerStateIsRefusedWithOneLineNamingIt()
    {
        using var model = TinyModels.Build(Config);
        using var other = TinyModels.Build(TinyModels.Config(TemporalVariant.None));
        string garbage = Path.Combine(Folder, "garbage.bin"), checkpoint = Path.Combine(Folder, "model.safetensors"),
            otherModel = Path.Combine(Folder, "other-optimizer.bin"), otherLegacy = Path.Combine(Folder, "other-torchsharp.bin");
        File.WriteAllText(garbage, "not an optimizer state");
        Checkpoint.Save(checkpoint, model, CheckpointMetadata.For(Config, TinyModels.InputSize, InputNormalisation.Default, ["occlusion"], "unit test", "0000000"));
        using (var sgd = new NesterovSgd(other, new SgdSettings()))
        {
            Step(other, sgd, 0);
            sgd.Save(otherModel);
        }
        using (var reference = OptimizerFactory.Create(other, new SgdSettings()))
            reference.save_state_dict(otherLegacy);

        using var loading = new NesterovSgd(model, new SgdSettings());
        foreach (var path in new[] { garbage, checkpoint, otherModel, otherLegacy })
        {
            var e = Assert.Throws<InvalidDataException>(() => loading.Load(path), path)!;
            Assert.That(e.Message, Does.StartWith(path + ": ").And.Not.Contain("\n"));
        }
        Assert.That(loading.BufferCount, Is.Zero, "a refused file changes nothing");
    }

    static void Step(OccluNetModel model, NesterovSgd sgd, int step)
    {
        SetGradients(model, step);
        sgd.Step(Rates[step]);
    }

    /// <summary>Seeded gradients for step <paramref name="step"/> (none for <see cref="LateParameter"/> before step 2); returns them as managed arrays.</summary>
    static double[]?[] SetGradients(OccluNetModel model, int step)
    {
        using var scope = NewDisposeScope();
        var generator = new Generator((ulong)(1000 + step));
        return model.parameters().Select((p, i) =>
        {
            var g = randn(p.shape, generator: generator);
            if (i == LateParameter && step < 2) return null;
            p.grad = g;
            return g.data<float>().Select(v => (double)v).ToArray();
        }).ToArray();
    }

    static float[][] Parameters(OccluNetModel model) => model.parameters().Select(p => p.data<float>().ToArray()).ToArray();

    static void AssertBitIdentical(OccluNetModel actual, OccluNetModel expected)
    {
        var a = actual.named_parameters().ToArray();
        var b = expected.named_parameters().ToArray();
        Assert.That(a, Has.Length.EqualTo(b.Length).And.Length.GreaterThan(50));
        for (int i = 0; i < a.Length; i++)
            Assert.That(a[i].parameter.bytes.ToArray(), Is.EqualTo(b[i].parameter.bytes.ToArray()), a[i].name);
    }
}
