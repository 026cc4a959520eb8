using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// Issue 16: no shipped model claims an occlusion on the real angiography and fluoroscopy runs among the public samples
/// (XA and RF; none shows an occlusion a model could claim). Models trained on the phantom must stay quiet on them.
/// </summary>
[TestFixture]
public sealed class RealRunTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    /// <summary>Every XA and RF sample (wg04_XA1 in its four transfer syntaxes, one 96-frame XA run, one RF frame).</summary>
    static readonly string[] RealRuns =
    [
        "rubo_RF_0015_explicit-le_1024.dcm", "rubo_XA_0002_jpeg-baseline_96f.dcm",
        "wg04_XA1_J2KR.dcm", "wg04_XA1_JLSL.dcm", "wg04_XA1_JPLY.dcm", "wg04_XA1_UNC.dcm",
    ];

    string work = "";

    [SetUp]
    public void CopyTheRealRuns()
    {
        work = Directory.CreateTempSubdirectory("cli-real-").FullName;
        Directory.CreateDirectory(Path.Combine(work, "runs"));
        foreach (var file in RealRuns) File.Copy(RepoPaths.Require(Path.Combine(RepoPaths.DicomSamples, file)), Path.Combine(work, "runs", file));
    }

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(work, recursive: true);

    /// <summary>Every checkpoint under models/ (a newly shipped file cannot be left out of the check), as "phantom2/minip".</summary>
    static IEnumerable<string> ShippedModels()
    {
        var models = Path.Combine(RepoPaths.Root, "models");
        return Directory.EnumerateFiles(models, "*.safetensors", SearchOption.AllDirectories)
            .Select(f => Path.ChangeExtension(Path.GetRelativePath(models, f), null).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
    }

    [TestCaseSource(nameof(ShippedModels))]
    public async Task AShippedModelFindsNoOcclusionOnTheRealRuns(string model)
    {
        var result = await CliProcess.RunAsync(work, Limit, "replay", "runs", "--speed", "max", "--headless", "--quiet",
            "--model", Path.Combine(RepoPaths.Root, "models", model + ".safetensors"), "--threads", "1");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var lines = result.StdOut.Split('\n').Where(l => l.StartsWith("result ", StringComparison.Ordinal)).ToArray();
        Assert.That(lines, Has.Length.EqualTo(RealRuns.Length), result.StdOut);
        foreach (var file in RealRuns)
            Assert.That(lines, Has.One.StartsWith($"result {file}: no occlusion detected"), result.StdOut);
    }
}
