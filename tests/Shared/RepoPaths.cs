namespace OccluNet.Live.Tests.Shared;

/// <summary>Where the repository and the read-only shared/ folder beside it are, from a test's point of view.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding OccluNet.Live.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared/ folder beside the checkout (samples, references); OCCLUNET_SHARED overrides.</summary>
    public static string Shared =>
        Environment.GetEnvironmentVariable("OCCLUNET_SHARED") is { Length: > 0 } env ? env : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string DicomSamples => Path.Combine(Shared, "dicom-samples");
    public static string YoloxReference => Path.Combine(Shared, "yolox-reference");
    public static string ReplayData => Path.Combine(Root, "replay-data");

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OccluNet.Live.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"OccluNet.Live.sln not found above {AppContext.BaseDirectory}");
    }
}
