using OccluNet.Live.Cli.Commands;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Tests.Shared;
using static TorchSharp.torch;

namespace OccluNet.Live.Training.Tests;

/// <summary>
/// The shipped default model on the shipped replay runs, through the evaluation's path (DICOM decode, letterbox,
/// streaming detector at the checkpoint's operating point, trajectories, metric): what the README's main command shows.
/// Fails when a change to the weights, the preprocessing or the post-processing loses the real detections.
/// </summary>
public sealed class ShippedModelTests
{
    [Test]
    public void TheDefaultModelFindsTheM1OcclusionsAndStaysQuietOnTheNegativeRun()
    {
        using var model = EvaluatedModel.Load(Path.Combine(RepoPaths.Root, StreamingCommandOptions.DefaultModel), CPU);
        var runs = new Datasets.DicomFolderSource(RepoPaths.ReplayData).Runs().Where(r => r.Run.RunId is "ph701-ap" or "ph122-ap" or "ph601-lat").ToArray();

        var outcomes = ModelComparison.Run([model], runs, EvaluationOptions.Paper, 0.45).All[0].Outcomes.ToDictionary(o => o.RunId);

        Assert.That(model.ScoreThreshold, Is.GreaterThan(0.01f), "the shipped model carries its operating point");
        Assert.That(outcomes["ph701-ap"].Verdict, Is.EqualTo(Verdict.TruePositive), "M1, the README's main run");
        Assert.That(outcomes["ph122-ap"].Verdict, Is.EqualTo(Verdict.TruePositive), "M1 that the MinIP hides (grade-4 collaterals)");
        Assert.That(outcomes["ph601-lat"].Verdict, Is.EqualTo(Verdict.TrueNegative), "no occlusion: no box");
    }
}
