using OccluNet.Live.Model;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Model.Training;
using static TorchSharp.torch;

namespace OccluNet.Live.Training.Tests;

public sealed class TrainerTests
{
    [Test]
    public void StepsOnPhantomWindowsReduceTheLoss()
    {
        var options = TinyTraining.Options();
        var preprocessor = new FramePreprocessor(options.InputSize, options.Normalisation);
        var run = PreparedRun.FromPhantom(TinyTraining.Positive(5), preprocessor, minIp: false);
        var occlusion = run.Run.Truth.Occlusion!;
        int[] indices = [occlusion.FirstVisibleFrame, occlusion.LastVisibleFrame, 0, run.Inputs.Count - 1];
        var samples = indices.Select(i => new WindowSample(run, i)).ToArray();
        var config = new OccluNetConfig(options.Scale, 1, options.Variant.Temporal());
        manual_seed(3);
        using var model = new OccluNetModel(config);
        using var step = new TrainingStep(model, new SgdSettings(LearningRate: 0.01), schedule: null, useEma: false);
        var losses = new List<float>();
        for (int i = 0; i < 30; i++)
        {
            using var scope = NewDisposeScope();
            var (windows, targets) = WindowBatch.Build(samples, config.Temporal, options.InputSize);
            losses.Add(step.Step(windows, targets).Loss);
        }
        Assert.That(losses.TakeLast(5).Average(), Is.LessThan(0.5 * losses.Take(5).Average()), string.Join(", ", losses));
    }

    [Test]
    public void ResumingAfterAnEpochEndsExactlyWhereAnUninterruptedRunEnds()
    {
        var options = TinyTraining.Options();
        string straight = TinyTraining.TempFolder(), interrupted = TinyTraining.TempFolder();
        var full = new Trainer(options, straight).Run(resume: false);
        var first = new Trainer(options with { StopAfterEpochs = 1 }, interrupted).Run(resume: false);
        Assert.That(first.EpochsDone, Is.EqualTo(1));
        var resumed = new Trainer(options, interrupted).Run(resume: true);

        Assert.That(resumed.EpochsDone, Is.EqualTo(2));
        Assert.That(resumed.Iteration, Is.EqualTo(full.Iteration));
        Assert.That(resumed.History.Select(h => h.Loss), Is.EqualTo(full.History.Select(h => h.Loss)));
        var (a, _) = Checkpoint.LoadModel(Path.Combine(straight, Trainer.ModelFile));
        var (b, _) = Checkpoint.LoadModel(Path.Combine(interrupted, Trainer.ModelFile));
        using (a)
        using (b)
        {
            var bState = b.state_dict();
            Assert.That(bState.Keys, Is.EqualTo(a.state_dict().Keys).And.Count.GreaterThan(100));
            foreach (var (key, value) in a.state_dict())
                Assert.That(value.allclose(bState[key], rtol: 0, atol: 0), Is.True, key);
        }
        Assert.That(File.Exists(Path.Combine(straight, "training-curve.png")), Is.True);
    }

    [Test]
    public void OverlappingTrainingAndValidationSeedsAreRefused() =>
        Assert.That(() => new Trainer(TinyTraining.Options() with { Validation = new PhantomSplit(11, 3, TinyTraining.Size) }, TinyTraining.TempFolder()),
            Throws.ArgumentException.With.Message.Contains("overlap"));
}
