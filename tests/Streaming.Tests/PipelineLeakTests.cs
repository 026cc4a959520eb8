using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Tests.Support;
using static TorchSharp.torch;

namespace OccluNet.Live.Streaming.Tests;

/// <summary>
/// The pipeline leaves no tensors behind: after each run (threads joined) the live count is the same. No GC first, so a
/// tensor left to the finalizer counts as the leak it is.
/// </summary>
public sealed class PipelineLeakTests
{
    [Test]
    public async Task RunAsync_RepeatedRuns_LeaveTheLiveTensorCountFlat()
    {
        using var detector = TinyDetector.Create();
        var counts = new List<long>();
        for (int pass = 0; pass < 3; pass++)
        {
            await Harness.RunAsync(ScriptedSource.Of(TestRuns.Run(40, seed: pass)), detector, PipelineOptions.Lossless);
            counts.Add(Tensor.TotalCount);
        }

        Assert.That(counts[2], Is.EqualTo(counts[1]), $"live tensors after each run: {string.Join(", ", counts)}");
    }
}
