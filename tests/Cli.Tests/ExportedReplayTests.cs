using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// `replay --model FOLDER` (and `bench latency`, `bench soak`) on what `occlunet export` wrote, as on a machine that has ONNX Runtime
/// but not libtorch: the pipeline runs from a copy of the build without libtorch's native libraries (any call into TorchSharp would fail
/// there) and gives the very result the checkpoint gives on the ONNX engine; asking TorchSharp to run the folder, or a
/// folder without graphs, is one line and exit 2.
/// </summary>
[TestFixture]
public sealed class ExportedReplayTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);
    static readonly string Checkpoint = Path.Combine(RepoPaths.Root, "models", "occlunet1.safetensors");
    static readonly string Run = Path.Combine(RepoPaths.ReplayData, "ph701-ap.dcm");
    string work = "";

    [SetUp]
    public void MakeWorkFolder() => work = Directory.CreateTempSubdirectory("cli-exported-replay-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(work, recursive: true);

    /// <summary>
    /// The build beside the tests copied into a new folder, all but libtorch and TorchSharp's native bridge. Copied, not
    /// linked: TorchSharp looks for libtorch beside its own assembly's real path, which a link would lead back here.
    /// </summary>
    string BuildWithoutLibtorch()
    {
        string folder = Path.Combine(work, "app");
        Directory.CreateDirectory(folder);
        string[] dropped = ["libtorch", "libc10", "libLibTorchSharp"];
        int left = 0;
        foreach (var entry in Directory.EnumerateFileSystemEntries(AppContext.BaseDirectory))
        {
            string name = Path.GetFileName(entry);
            if (dropped.Any(name.StartsWith)) { left++; continue; }
            if (File.Exists(entry)) File.Copy(entry, Path.Combine(folder, name));
            else Directory.CreateSymbolicLink(Path.Combine(folder, name), entry);
        }
        Assert.That(left, Is.GreaterThanOrEqualTo(3), "libtorch's libraries were found beside the tests and left out");
        return folder;
    }

    async Task<string> ExportAsync()
    {
        string folder = Path.Combine(work, "exported");
        var export = await CliProcess.RunAsync(work, Limit, "export", "--model", Checkpoint, "--out", folder, "--quiet");
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        return folder;
    }

    static string ResultLine(CliResult result) => result.StdOut.Split('\n').Single(l => l.StartsWith("result ph701-ap.dcm:"));

    [Test]
    public async Task AnExportedFolderReplaysWithoutLibtorchAndGivesTheCheckpointsOnnxResult()
    {
        string folder = await ExportAsync(), app = BuildWithoutLibtorch();

        var exported = await CliProcess.RunFromAsync(app, work, Limit, "replay", Run, "--speed", "max", "--model", folder,
            "--headless", "--snapshots", Path.Combine(work, "snap-exported"), "--audit", Path.Combine(work, "audit-exported"), "--quiet");
        var bench = await CliProcess.RunFromAsync(app, work, Limit, "bench", "latency", "--data", Run, "--speed", "max", "--model", folder,
            "--json", Path.Combine(work, "latency.json"), "--quiet");
        var soak = await CliProcess.RunFromAsync(app, work, Limit, "bench", "soak", "--data", Run, "--frames", "28", "--every", "7", "--model", folder,
            "--json", Path.Combine(work, "soak.json"), "--quiet");
        var checkpoint = await CliProcess.RunAsync(work, Limit, "replay", Run, "--speed", "max", "--model", Checkpoint, "--engine", "onnx",
            "--headless", "--snapshots", Path.Combine(work, "snap-checkpoint"), "--audit", Path.Combine(work, "audit-checkpoint"), "--quiet");

        Assert.Multiple(() =>
        {
            Assert.That(exported.ExitCode, Is.Zero, exported.ToString());
            Assert.That(checkpoint.ExitCode, Is.Zero, checkpoint.ToString());
            Assert.That(exported.StdOut, Does.Contain("ONNX Runtime").And.Contain("auto"), "auto chose ONNX Runtime and said so");
            Assert.That(ResultLine(exported), Does.Contain("occlusion, box"), "the run's finding");
            Assert.That(ResultLine(exported), Is.EqualTo(ResultLine(checkpoint)), "the same graphs give the same result");
            Assert.That(bench.ExitCode, Is.Zero, bench.ToString());
            Assert.That(bench.StdOut, Does.Contain("frames 14, windows detected 14"), "bench latency ran the exported model over the run");
            // 28 frames are too few to judge flat memory (exit 1 = "GROWING" during warm-up); what is tested is that it
            // runs without libtorch and does not pass off TorchSharp's count (0: this engine makes no tensors) as a measurement.
            Assert.That(soak.ExitCode, Is.AnyOf(0, 1), soak.ToString());
            Assert.That(soak.ErrorLines, Is.Empty, soak.ToString());
            Assert.That(soak.StdOut, Does.Contain("live tensors not counted (ONNX Runtime runs the model)"), "no tensor count claimed");
            Assert.That(File.ReadAllText(Path.Combine(work, "soak.json")), Does.Contain("\"tensorGrowthPercent\": null").And.Contain("\"liveTensors\": null"));
        });
    }

    [Test]
    public async Task TorchSharpAskedToRunAnExportedFolderIsOneLine()
    {
        string folder = await ExportAsync();

        var result = await CliProcess.RunAsync(work, Limit, "replay", Run, "--model", folder, "--engine", "torch", "--headless", "--quiet");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines.Single(), Does.Contain("--engine torch").And.Contain("exported model"));
        });
    }

    [Test]
    public async Task AFolderWithoutGraphsIsOneLineNamingTheMissingFile()
    {
        string folder = Path.Combine(work, "empty");
        Directory.CreateDirectory(folder);

        var result = await CliProcess.RunAsync(work, Limit, "replay", Run, "--model", folder, "--headless", "--quiet");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines.Single(), Does.Contain(Path.Combine(folder, "encoder.onnx")).And.Contain("not found"));
        });
    }
}
