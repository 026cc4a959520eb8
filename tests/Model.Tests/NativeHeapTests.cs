using OccluNet.Live.Model.Runtime;
using TorchSharp;

namespace OccluNet.Live.Model.Tests;

/// <summary>libtorch's large activations are reused from step to step, not mapped and zeroed again (NativeHeap).</summary>
public sealed class NativeHeapTests
{
    [Test]
    public void AStreamingStepsLargeBuffersAreReusedOnAnyThread()
    {
        Assert.That(NativeHeap.KeepLargeBlocks(), Is.True, "glibc refused the heap settings");
        var steps = new long[11];
        // A thread of its own, like the pipeline's inference thread; buffers of 4-24 MB in a varying order, as the ops of
        // one step allocate and free them. Mapped afresh, each step would fault in all of its 86 MB (about 21,000 pages).
        var thread = new Thread(() =>
        {
            using var _ = torch.no_grad();
            long[] sizes = [6_000_000, 1_000_000, 4_000_000, 2_500_000, 5_000_000, 3_000_000];
            void Step()
            {
                using var scope = torch.NewDisposeScope(); // the even sizes live to the step's end, as a layer's outputs do
                foreach (long n in sizes)
                {
                    var t = torch.ones(n);
                    if (n % 2_000_000 != 0) t.Dispose();
                }
            }
            Step();
            Step();
            for (int i = 0; i < steps.Length; i++)
            {
                long before = MinorFaults();
                Step();
                steps[i] = MinorFaults() - before;
            }
        });
        thread.Start();
        thread.Join();
        // The median step: the count is the whole process's, and a collection or another thread can add a burst to one step.
        long median = steps.Order().ElementAt(steps.Length / 2);
        Assert.That(median, Is.LessThan(2_000), $"page faults per step {string.Join(", ", steps)}: freed buffers were given back and mapped again");
    }

    /// <summary>Minor page faults of this process so far (/proc/self/stat, field 10).</summary>
    static long MinorFaults() =>
        long.Parse(File.ReadAllText("/proc/self/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[7]);
}
