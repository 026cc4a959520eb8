using OccluNet.Live.Domain;
using OccluNet.Live.Model.Training;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Tests;

/// <summary>The training pieces working together on synthetic blobs: gradients reach everything, a batch overfits.</summary>
public sealed class TrainingBehaviourTests
{
    /// <summary>Windows with a dark disc (radius 8, box 16 px) that darkens over the window, and two negative windows.</summary>
    private static (Tensor Windows, WindowTargets[] Targets) Blobs(int windowLength, int s = TinyModels.InputSize)
    {
        float k = s / 64f;
        var centres = new (float X, float Y)?[] { (20 * k, 28 * k), (44 * k, 36 * k), null, null };
        var data = new float[centres.Length * windowLength * s * s];
        var targets = new WindowTargets[centres.Length];
        for (int b = 0; b < centres.Length; b++)
        {
            for (int t = 0; t < windowLength; t++)
                for (int y = 0; y < s; y++)
                    for (int x = 0; x < s; x++)
                    {
                        float value = 0.6f + 0.05f * MathF.Sin(x * 0.3f + y * 0.2f + t + b);
                        if (centres[b] is { } c && (x - c.X) * (x - c.X) + (y - c.Y) * (y - c.Y) < 64) value -= 0.5f * (t + 1) / windowLength;
                        data[((b * windowLength + t) * s + y) * s + x] = value;
                    }
            targets[b] = centres[b] is { } cc ? WindowTargets.Of((Box.FromCenter(cc.X, cc.Y, 16, 16), 0)) : WindowTargets.Negative;
        }
        var planes = tensor(data, [centres.Length, windowLength, 1, s, s]);
        return (planes.expand(-1, -1, 3, -1, -1).contiguous(), targets);
    }

    [TestCase(TemporalVariant.OccluNet1)]
    [TestCase(TemporalVariant.OccluNet2)]
    public void GradientReachesEveryParameter(TemporalVariant variant)
    {
        var config = TinyModels.Config(variant) with
        {
            Temporal = TinyModels.Config(variant).Temporal with { PositionalEncoding = PositionalEncodingKind.Learned },
        };
        using var model = TinyModels.Build(config);
        model.train();
        using var scope = NewDisposeScope();
        var (windows, _) = Blobs(3);
        // One box per level (the class branch learns from positives only): each is centred on a grid point of its
        // stride and about 1.25 strides wide, so the fresh head's stride-sized prediction there fits it best.
        WindowTargets[] targets =
        [
            WindowTargets.Of((Box.FromCenter(24, 32, 10, 10), 0), (Box.FromCenter(48, 16, 20, 20), 0)),
            WindowTargets.Of((Box.FromCenter(32, 32, 40, 40), 0)),
            WindowTargets.Negative,
            WindowTargets.Negative,
        ];
        var terms = new YoloxLoss().Compute(model.call(windows), targets);
        Assert.That(terms.Positives, Is.GreaterThan(0));
        terms.Total.backward();
        var dead = model.named_parameters()
            .Where(p => p.parameter.grad is null || p.parameter.grad.abs().max().item<float>() == 0)
            .Select(p => p.name).ToList();
        Assert.That(dead, Is.Empty, "parameters without gradient");
    }

    /// <summary>
    /// The loop learns: 200 steps on one batch of four windows at the authors' lr (0.01, Nesterov, their schedule
    /// compressed) bring the loss well below its start. The bar has room for every CPU kernel set
    /// (ATEN_CPU_CAPABILITY=default/avx2/avx512 all clear it by a wide margin, docs/training.md).
    /// </summary>
    [Test]
    public void ATinyBatchOverfits()
    {
        var config = TinyModels.Config(TemporalVariant.OccluNet1, WindowMode.Centred);
        using var model = TinyModels.Build(config, seed: 11);
        var (windows, targets) = Blobs(config.Temporal.WindowLength);
        const double lr = 0.01;
        const int steps = 200;
        // The authors' schedule shape, compressed: 20 "epochs" of steps/20 iterations (warm-up, cosine, constant tail).
        var schedule = new LearningRateSchedule(IterationsPerEpoch: steps / 20, BaseLearningRate: lr);
        using var step = new TrainingStep(model, new SgdSettings(LearningRate: lr), schedule);
        var random = new Random(1);
        var results = new List<StepResult>();
        for (int i = 0; i < steps; i++)
        {
            using var scope = NewDisposeScope();
            var (flipped, flippedTargets, _) = WindowFlip.Apply(windows, targets, random);
            results.Add(step.Step(flipped, flippedTargets));
        }
        var losses = results.Select(r => r.Loss).ToList();
        TestContext.Out.WriteLine(string.Join(" ", losses.Where((_, i) => i % 10 == 0).Select(l => l.ToString("F3"))));
        Assert.That(results, Has.Count.EqualTo(steps));
        Assert.That(results.Where(r => !r.Applied).Select(r => $"{r.Iteration}: {r.Skipped}"), Is.Empty, "no step skipped as non-finite");
        float first = losses.Take(3).Average(), last = losses.TakeLast(5).Average();
        Assert.That(last, Is.LessThan(first / Drop), $"loss {first:F3} -> {last:F3}");
    }

    /// <summary>How far the loss must fall (first 3 steps' mean over the last 5 steps' mean).</summary>
    const float Drop = 4;
}
