using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Capture.Tests.Fuzzing;

/// <summary>Inputs the fuzz campaigns found crashing the reader once (docs/dicom.md); each must now be refused or read.</summary>
[TestFixture]
public sealed class FuzzRegressionTests
{
    static IEnumerable<string> Inputs() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "Capture.Tests", "Fuzzing", "Regressions")).Select(Path.GetFileName).Order().Cast<string>();

    [TestCaseSource(nameof(Inputs))]
    public void OnlyTheDocumentedExceptionEscapes(string name) =>
        Assert.That(() => ReaderTarget.Run(File.ReadAllBytes(Path.Combine(RepoPaths.Root, "tests", "Capture.Tests", "Fuzzing", "Regressions", name))), Throws.Nothing);
}
