using System.Text.Json;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// `occlunet export --reference` then `occlunet bench exported` on the folder, as on a deployment machine: the ONNX
/// engine on the exported graphs alone matches TorchSharp's reference (a mirror-averaged model too); a provider the build lacks and a folder without
/// graphs are one line and exit 2.
/// </summary>
[TestFixture]
public sealed class ExportedBenchTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);
    string work = "";

    [SetUp]
    public void MakeWorkFolder() => work = Directory.CreateTempSubdirectory("cli-exported-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(work, recursive: true);

    /// <summary>stderr without the progress lines ("[hh:mm:ss] bench exported: ...").</summary>
    static IEnumerable<string> Errors(CliResult result) => result.ErrorLines.Where(l => !l.StartsWith('['));

    /// <summary>The shipped model exported with its reference on one replay run (ph501-lat, 10 frames).</summary>
    async Task<string> ExportAsync()
    {
        string runs = Path.Combine(work, "runs"), folder = Path.Combine(work, "exported");
        Directory.CreateDirectory(runs);
        foreach (var ext in new[] { ".dcm", ".json" }) File.Copy(Path.Combine(RepoPaths.ReplayData, "ph501-lat" + ext), Path.Combine(runs, "ph501-lat" + ext));
        var export = await CliProcess.RunAsync(work, Limit, "export", "--model", Path.Combine(RepoPaths.Root, "models", "occlunet1.safetensors"), "--out", folder, "--reference", "dicom:" + runs);
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        Assert.That(export.StdOut, Does.Contain("reference: 1 runs, 10 windows"));
        return folder;
    }

    [Test]
    public async Task TheExportedFolderAloneMatchesTorchSharpsReference()
    {
        string folder = await ExportAsync(), json = Path.Combine(work, "bench.json");

        var bench = await CliProcess.RunAsync(work, Limit, "bench", "exported", folder, "--threads", "1", "--repetitions", "2", "--json", json);

        Assert.That(bench.ExitCode, Is.Zero, bench.ToString());
        var row = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("rows").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("Provider").GetString(), Is.EqualTo("cpu"));
            Assert.That(row.GetProperty("ParityWindows").GetInt32(), Is.EqualTo(10));
            Assert.That(row.GetProperty("WorstScoreDifference").GetDouble(), Is.LessThanOrEqualTo(1e-4));
            Assert.That(row.GetProperty("WorstBoxDifference").GetDouble(), Is.LessThanOrEqualTo(1e-2));
            Assert.That(row.GetProperty("EngineMedianMs").GetDouble(), Is.GreaterThan(0));
            Assert.That(bench.StdOut, Does.Contain("| OccluNet1-nano-256 (exported) | cpu | 1 |"));
        });
    }

    /// <summary>
    /// The shipped mirror-averaged model exports with the averaging inside its graphs, its reference computed on a
    /// generated phantom-2 run, and the exported folder alone matches TorchSharp's averaged scores.
    /// </summary>
    [Test]
    public async Task AMirrorAveragedModelExportsItsAveragingAndMatchesTorchSharp()
    {
        string folder = Path.Combine(work, "exported"), json = Path.Combine(work, "bench.json");
        var export = await CliProcess.RunAsync(work, Limit, "export", "--model", Path.Combine(RepoPaths.Root, "models", "phantom2", "occlunet1-mirror.safetensors"), "--out", folder, "--reference", "phantom2:42:1");
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        Assert.That(export.StdOut, Does.Contain("p5_mirror (the frame's, then its mirror image's)").And.Contain("averaged with the mirror image's").And.Contain("reference: 1 runs"));

        var bench = await CliProcess.RunAsync(work, Limit, "bench", "exported", folder, "--threads", "1", "--repetitions", "2", "--json", json);

        Assert.That(bench.ExitCode, Is.Zero, bench.ToString());
        var row = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("rows").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("ParityWindows").GetInt32(), Is.GreaterThan(10));
            Assert.That(row.GetProperty("WorstScoreDifference").GetDouble(), Is.LessThanOrEqualTo(1e-4));
            Assert.That(row.GetProperty("WorstBoxDifference").GetDouble(), Is.LessThanOrEqualTo(1e-2));
        });
    }

    [Test]
    public async Task CudaInACpuBuildIsOneLine()
    {
        string folder = await ExportAsync();

        var bench = await CliProcess.RunAsync(work, Limit, "bench", "exported", folder, "--device", "cuda", "--repetitions", "1");

        Assert.That(bench.ExitCode, Is.EqualTo(2), bench.ToString());
        Assert.That(Errors(bench).Single(), Does.Contain("CUDA provider").And.Contain("-p:OnnxBackend=cuda"));
    }

    [Test]
    public async Task AFolderWithoutGraphsIsOneLine()
    {
        var bench = await CliProcess.RunAsync(work, Limit, "bench", "exported", work, "--repetitions", "1");

        Assert.That(bench.ExitCode, Is.EqualTo(2), bench.ToString());
        Assert.That(Errors(bench).Single(), Does.Contain(Path.Combine(work, "encoder.onnx")).And.Contain("occlunet export"));
        Assert.That(File.Exists(Path.Combine(work, "bench-exported.json")), Is.False);
    }

    [Test]
    public async Task AReferenceThatCannotBeReadIsRefusedBeforeAnythingIsWritten()
    {
        string folder = Path.Combine(work, "exported"), missing = Path.Combine(work, "no-such-runs");

        var export = await CliProcess.RunAsync(work, Limit, "export", "--model", Path.Combine(RepoPaths.Root, "models", "minip.safetensors"), "--out", folder, "--reference", "dicom:" + missing);

        Assert.That(export.ExitCode, Is.EqualTo(2), export.ToString());
        Assert.That(Errors(export).Single(), Does.Contain(missing));
        Assert.That(Directory.Exists(folder), Is.False, "no graphs without their reference");
    }
}
