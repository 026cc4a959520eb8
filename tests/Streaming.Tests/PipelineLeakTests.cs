using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Tests.Support;
using static TorchSharp.torch;

namespace OccluNet.Live.Streaming.Tests;

/// <summary>
/// The pipeline leaves no tensors behind: each run (threads joined) ends with as many live tensors as it started with.
/// The pipeline's tensors live on its own threads, so the count is the process-wide one; to make it this test's own,
/// every earlier object is finalized before a run starts (tensors other tests dropped cannot be finalized during the
/// run), and there is no GC after the run, so a tensor the run left to the finalizer counts as the leak it is.
/// </summary>
public sealed class PipelineLeakTests
{
    [Test]
    public async Task RunAsync_RepeatedRuns_LeaveTheLiveTensorCountFlat()
    {
        using var detector = TinyDetector.Create();
        var added = new List<long>();
        for (int pass = 0; pass < 3; pass++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            long before = Tensor.TotalCount;
            var (summary, _, _) = await Harness.RunAsync(ScriptedSource.Of(TestRuns.Run(40, seed: pass)), detector, PipelineOptions.Lossless);
            Assert.That(summary.WindowsDetected, Is.EqualTo(40), "every window ran through the model");
            added.Add(Tensor.TotalCount - before);
        }

        TestContext.Out.WriteLine($"live tensors added by each run: {string.Join(", ", added)}");
        // The first run may leave the detector's per-run state (its cached frames) behind; later runs replace it.
        Assert.That(added.Skip(1), Is.EqualTo(new long[] { 0, 0 }), $"live tensors added by each run: {string.Join(", ", added)}");
    }
}
