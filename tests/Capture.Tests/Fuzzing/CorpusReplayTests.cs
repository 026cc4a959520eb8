using System.Diagnostics;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Capture.Tests.Fuzzing;

/// <summary>
/// The queue the last AFL++ campaign kept (docs/dicom.md, campaign D: 21 million executions, no crash, no hang), replayed
/// through the reader: every input it reached must still be read or refused with the documented exception, so a later
/// change to the reader is checked against all the paths the fuzzer found, not only the samples.
/// </summary>
[TestFixture]
public sealed class CorpusReplayTests
{
    const string Archive = "afl-queue-2026-12-03.tar.xz";
    const int InputsKept = 661;

    [Test]
    public void EveryKeptInputIsReadOrRefused()
    {
        var folder = Directory.CreateTempSubdirectory("occlunet-afl-corpus-").FullName;
        try
        {
            Unpack(Path.Combine(RepoPaths.Root, "tests", "Capture.Tests", "Fuzzing", "Corpus", Archive), folder);
            var inputs = Directory.GetFiles(Path.Combine(folder, "queue")).Order(StringComparer.Ordinal).ToArray();
            Assert.That(inputs, Has.Length.EqualTo(InputsKept), "the archive holds the campaign's whole queue");

            var read = 0;
            foreach (var input in inputs)
            {
                var bytes = File.ReadAllBytes(input);
                bool wasRead = false;
                Assert.That(() => wasRead = ReaderTarget.Run(bytes), Throws.Nothing, Path.GetFileName(input));
                if (wasRead) read++;
            }
            // The queue keeps inputs for new coverage: both outcomes must occur, or the replay exercises nothing.
            Assert.That(read, Is.InRange(1, inputs.Length - 1), "inputs read (the rest refused)");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>tar and xz are in every Debian base system; .NET reads tar but not xz (the archive is 8x smaller than gzip).</summary>
    static void Unpack(string archive, string into)
    {
        Assert.That(File.Exists(archive), Is.True, archive);
        using var tar = Process.Start(new ProcessStartInfo("tar", ["-xJf", archive, "-C", into]) { RedirectStandardError = true })!;
        var error = tar.StandardError.ReadToEnd();
        tar.WaitForExit();
        Assert.That(tar.ExitCode, Is.Zero, error);
    }
}
