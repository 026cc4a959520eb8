using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Tests.Shared;
using SkiaSharp;
using TorchSharp;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// `occlunet replay` headless (no DISPLAY) on a shipped replay-data run with an untrained tiny checkpoint: snapshots
/// and the summary; and the user errors a first run meets.
/// </summary>
[TestFixture]
public sealed class ReplayCommandTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    static string Run => Path.Combine(RepoPaths.ReplayData, "ph501-lat.dcm"); // 10 frames, 512 px

    string work = "";

    [SetUp]
    public void MakeWorkFolder() => work = Directory.CreateTempSubdirectory("cli-replay-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(work, recursive: true);

    /// <summary>
    /// With the shipped model on ph701-ap (typical M1 occlusion, visible from frame 3 of 14; replay-data/README.md), so
    /// the result line has a known verdict: the occlusion is found and the box is on the clot.
    /// </summary>
    [Test]
    public async Task HeadlessReplayWritesSnapshotsIntoANewFolderAndPrintsTheSummary()
    {
        var result = await CliProcess.RunAsync(work, Limit, "replay", Path.Combine(RepoPaths.ReplayData, "ph701-ap.dcm"), "--speed", "max",
            "--model", RepoPaths.ShippedModel, "--device", "cpu", "--threads", "1", "--snapshot-every", "3", "--size", "640x360", "--audit", Path.Combine(work, "audit"));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());

        // No --snapshots and no display: a new timestamped folder under ./replay-snapshots.
        var folder = Directory.GetDirectories(Path.Combine(work, "replay-snapshots")).Single();
        var pngs = Directory.GetFiles(folder, "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(pngs, Is.EqualTo(new[] { "overlay-f000000.png", "overlay-f000003.png", "overlay-f000006.png", "overlay-f000009.png", "overlay-f000012.png", "overlay-f000013_run-end.png" }),
                "every 3rd frame, and the run's end (its final finding) after its last frame");
            Assert.That(result.StdOut, Does.Contain("view: EGL"));
            Assert.That(result.StdOut, Does.Not.Contain("WARNING"), "an XA run gets no modality warning");
            Assert.That(result.StdOut, Does.Match(@"result ph701-ap\.dcm: occlusion, box \(\d+,\d+\)-\(\d+,\d+\) px, confidence 0\.\d+ at frame \d+, trajectory frames \d+-\d+; " +
                @"first detection at frame ([3-9]|1[0-3]); best box first shown with frame \d+ \(14 frames\); verdict TruePositive"), "found within the visible frames 3-13, box on the clot");
            Assert.That(result.StdOut, Does.Match(@"latency: end-to-end p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms over 14 results; skipped windows 0; live image hand-off p99"), "one latency line, every window of the lossless replay");
            Assert.That(result.StdOut.Split('\n').Count(l => l.StartsWith("latency:", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(result.StdOut, Does.Contain($"snapshots: 6 PNGs in replay-snapshots{Path.DirectorySeparatorChar}"));
        });
        using var png = SKBitmap.Decode(Path.Combine(folder, "overlay-f000009.png"));
        Assert.That((png.Width, png.Height), Is.EqualTo((640, 360)), "the composed view at --size");
    }

    [Test]
    public async Task AFolderReplaySkipsTheSidecarsQuietlyAndNamesEachRun()
    {
        var runs = Path.Combine(work, "runs");
        Directory.CreateDirectory(runs);
        File.Copy(Run, Path.Combine(runs, "a-ph501.dcm"));
        File.Copy(Run, Path.Combine(runs, "b-ph501.dcm"));
        File.Copy(Path.Combine(RepoPaths.ReplayData, "ph501-lat.json"), Path.Combine(runs, "ph501-lat.json"));
        File.Copy(Path.Combine(RepoPaths.ReplayData, "README.md"), Path.Combine(runs, "README.md"));
        var snapshots = Path.Combine(work, "shots");
        var result = await CliProcess.RunAsync(work, Limit, "replay", runs, "--speed", "max", "--model", TinyCheckpoint.Path,
            "--device", "cpu", "--threads", "1", "--snapshots", snapshots, "--snapshot-every", "5", "--audit", Path.Combine(work, "audit"));
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Does.Not.Contain("fault ("), "no fault line: the sidecars are not DICOM");
            Assert.That(result.StdOut, Does.Contain("result a-ph501.dcm:").And.Contain("result b-ph501.dcm:").And.Contain(" 0 faults"));
            // The second run's frames get a pass number: nothing is written over.
            Assert.That(Directory.GetFiles(snapshots, "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal),
                Is.EqualTo(new[] { "overlay-f000000.png", "overlay-f000005.png", "overlay-f000009_run-end.png", "overlay-p01-f000000.png", "overlay-p01-f000005.png", "overlay-p01-f000009_run-end.png" }));
        });
    }

    [Test]
    public async Task CtrlCStopsCleanlyWithTheSummary()
    {
        int interrupts = 0;
        var result = await CliProcess.RunAsync(work, Limit, display: null, (line, pid) =>
        {
            // At the run's start (its first frame arrived), not at its first result: under load the first result can come
            // late enough for the run to end first. At 0.25x the 14-frame run lasts 28 s after that line.
            if (line.StartsWith("run 0: ", StringComparison.Ordinal) && Interlocked.Increment(ref interrupts) == 1) CliProcess.Interrupt(pid);
        }, "replay", Path.Combine(RepoPaths.ReplayData, "ph701-ap.dcm"), "--speed", "0.25", "--model", TinyCheckpoint.Path,
            "--device", "cpu", "--threads", "1", "--size", "320x180", "--audit", Path.Combine(work, "audit"));
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(130), "interrupted before the run's end: " + result);
            Assert.That(result.StdOut, Does.Match(@"summary: \d+ frames received.*cancelled"), "the pipeline's summary says it was cancelled");
            Assert.That(result.StdOut, Does.Contain("result ph701-ap.dcm:").And.Contain("snapshots:"));
        });
    }

    [Test]
    public async Task ANonEmptySnapshotFolderIsRefused()
    {
        var snapshots = Path.Combine(work, "mine");
        Directory.CreateDirectory(snapshots);
        File.WriteAllText(Path.Combine(snapshots, "holiday.png"), "not ours");
        var result = await CliProcess.RunAsync(work, Limit, "replay", Run, "--model", TinyCheckpoint.Path, "--device", "cpu", "--snapshots", snapshots);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines.Single(), Does.Contain(snapshots).And.Contain("not empty"));
            Assert.That(File.ReadAllText(Path.Combine(snapshots, "holiday.png")), Is.EqualTo("not ours"));
        });
    }

    [Test]
    public async Task CudaWithoutCudaIsExitCode2WithAClearMessage()
    {
        var result = await CliProcess.RunAsync(work, Limit, "replay", Run, "--model", TinyCheckpoint.Path, "--device", "cuda");
        // The command is built with the same TorchSharp backend as this test (CPU by default, where libtorch never has
        // CUDA): the test process asks the same libtorch, so a CPU build that "succeeds" on cuda fails here, not skips.
        if (TorchSharp.torch.cuda.is_available())
        {
            Assert.That(result.ExitCode, Is.Zero, "a CUDA build on a CUDA machine runs: " + result);
            return;
        }
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines.Single(), Does.Contain("--device cuda").And.Contain("CUDA is not available"));
            Assert.That(Directory.Exists(Path.Combine(work, "replay-snapshots")), Is.False, "nothing written on a user error");
        });
    }

    [Test]
    public async Task AModelWithNaNWeightsIsRefusedNotSilent()
    {
        // A diverged training run's weights detect nothing: loaded, they would say "no occlusion" on every run.
        var diverged = Path.Combine(work, "diverged.safetensors");
        var (model, metadata) = Checkpoint.LoadModel(TinyCheckpoint.Path);
        using (model)
        {
            using (torch.no_grad()) model.state_dict().Values.First(t => t.is_floating_point()).flatten()[0] = float.NaN;
            Checkpoint.Save(diverged, model, metadata);
        }
        var result = await CliProcess.RunAsync(work, Limit, "replay", Run, "--model", diverged, "--device", "cpu");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines.Single(), Does.Contain(diverged).And.Contain("not finite"));
            Assert.That(result.StdOut, Does.Not.Contain("result "), "nothing analysed");
        });
    }

    [Test]
    public async Task ARunThatIsNotAnAngiogramIsAnalysedWithAWarning()
    {
        var mr = RepoPaths.Require(Path.Combine(RepoPaths.DicomSamples, "pydicom_emri_small_10f.dcm"));
        var result = await CliProcess.RunAsync(work, Limit, "replay", mr, "--speed", "max", "--model", TinyCheckpoint.Path, "--device", "cpu", "--audit", Path.Combine(work, "audit"));
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.StdOut, Does.Contain("input: pydicom_emri_small_10f.dcm: WARNING run 0 is modality 'MR', not XA or RF: analysed anyway"));
            Assert.That(string.Concat(Directory.GetFiles(Path.Combine(work, "audit")).Select(File.ReadAllText)), Does.Contain("WARNING run 0 is modality"), "the warning is in the audit trail");
            Assert.That(result.StdOut, Does.Contain("result pydicom_emri_small_10f.dcm:"));
        });
    }

    [Test]
    public async Task AMissingModelIsAClearErrorNamingTheFile()
    {
        var missing = Path.Combine(work, "no-such-model.safetensors");
        var result = await CliProcess.RunAsync(work, Limit, "replay", Run, "--model", missing);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines.Single(), Does.Contain(missing).And.Contain("not found"));
        });
    }

    [Test]
    public async Task AFileThatIsNotAModelIsAClearErrorNamingTheFile()
    {
        var bogus = Path.Combine(work, "bogus.safetensors");
        File.WriteAllBytes(bogus, new byte[64]);
        var result = await CliProcess.RunAsync(work, Limit, "replay", Run, "--model", bogus, "--device", "cpu");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines.Single(), Does.Contain(bogus));
        });
    }
}
