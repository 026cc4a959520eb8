using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Capture.Tests.Fuzzing;

/// <summary>Inputs the fuzz campaigns found crashing the reader once (docs/dicom.md); each must now be refused or read.</summary>
[TestFixture]
public sealed class FuzzRegressionTests
{
    static IEnumerable<string> Inputs() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "Capture.Tests", "Fuzzing", "Regressions")).Select(Path.GetFileName).Order().Cast<string>();

    /// <summary>Also bounded in CPU time: one input took JpegLibrary 9 s (an over-full Huffman table) before it was checked.</summary>
    [TestCaseSource(nameof(Inputs))]
    public void OnlyTheDocumentedExceptionEscapes(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "Capture.Tests", "Fuzzing", "Regressions", name));
        var before = ThreadCpuTime();
        Assert.That(() => ReaderTarget.Run(bytes), Throws.Nothing);
        Assert.That(ThreadCpuTime() - before, Is.LessThan(TimeSpan.FromSeconds(3)), "a 3 kB input must not take seconds of CPU");
    }

    /// <summary>
    /// CPU time the calling thread has run (Linux schedstat, ns): a bound on work, not latency; other processes' load
    /// does not add to it as it does to the wall clock. The reader runs synchronously on this thread.
    /// </summary>
    static TimeSpan ThreadCpuTime() =>
        TimeSpan.FromTicks(long.Parse(File.ReadAllText("/proc/thread-self/schedstat").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 100);
}
