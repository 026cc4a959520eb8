namespace OccluNet.Live.Tests.Shared;

/// <summary>Where the repository and its test data are, from a test's point of view. Tests read nothing outside the clone.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding OccluNet.Live.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>tests/data: the DICOM samples with their oracle and the YOLOX reference (sources in tests/data/README.md).</summary>
    public static string TestData => Path.Combine(Root, "tests", "data");

    public static string DicomSamples => Path.Combine(TestData, "dicom-samples");
    public static string YoloxReference => Path.Combine(TestData, "yolox-reference");
    public static string ReplayData => Path.Combine(Root, "replay-data");

    /// <summary>models/occlunet1.safetensors, the shipped default model (checked to exist).</summary>
    public static string ShippedModel => Require(Path.Combine(Root, "models", "occlunet1.safetensors"));

    /// <summary>
    /// The path, after checking the file or folder exists: a missing data file fails the test that needs it with its
    /// name, instead of letting a data-driven test run zero cases or skip.
    /// </summary>
    public static string Require(string path) =>
        File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"test data missing: {Path.GetRelativePath(Root, path)} (the repository carries it; see tests/data/README.md)", path);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OccluNet.Live.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"OccluNet.Live.sln not found above {AppContext.BaseDirectory}");
    }
}
