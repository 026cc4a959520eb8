using OccluNet.Live.Evaluation;
using OccluNet.Live.Domain;
using OccluNet.Live.Model;
using static TorchSharp.torch;

namespace OccluNet.Live.Training.Tests;

public sealed class WindowBatchTests
{
    /// <summary>Five frames, each a constant plane equal to its index; the occlusion is visible in frames 1-2.</summary>
    static PreparedRun Run()
    {
        var truth = new RunTruth("r", 8, 8, "ap", new OcclusionTruth(OcclusionClass.M1, 4, 4, new Box(3, 3, 5, 5), new Box(2, 2, 6, 6), 1, 2));
        var inputs = Enumerable.Range(0, 5).Select(f => Enumerable.Repeat((float)f, 32 * 32).ToArray()).ToArray();
        return new PreparedRun(new LabelledRun(truth), new Letterbox(8, 8, 32), inputs, 5);
    }

    [Test]
    public void CentredWindowsHoldNeighboursAndTakeTheCentreFramesLabels()
    {
        var run = Run();
        using var scope = NewDisposeScope();
        var (windows, targets) = WindowBatch.Build([new WindowSample(run, 0), new WindowSample(run, 2), new WindowSample(run, 4)], new TemporalConfig(), 32);
        Assert.That(windows.shape, Is.EqualTo(new long[] { 3, 3, 3, 32, 32 }));
        var firstPixel = windows[.., .., 0, 0, 0].contiguous().data<float>().ToArray();
        Assert.That(firstPixel, Is.EqualTo(new float[] { 0, 0, 1, 1, 2, 3, 3, 4, 4 }), "edges repeat the nearest frame");
        Assert.That(targets[0].Boxes, Is.Empty, "frame 0: occlusion not yet visible");
        Assert.That(targets[1].Boxes.Single(), Is.EqualTo(new Box(8, 8, 24, 24)), "frame 2: fixed box in model pixels (x4)");
        Assert.That(targets[2].Boxes, Is.Empty);
    }

    [Test]
    public void MinIpSamplesCarryTheRunsBox()
    {
        var run = Run() with { Inputs = [new float[32 * 32]] };
        Assert.That(run.IsMinIp, Is.True);
        Assert.That(run.TargetsOf(0).Boxes.Single(), Is.EqualTo(new Box(8, 8, 24, 24)));
    }
}
