using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// `occlunet recording repair DIR` through the built command: a `--record` session killed with SIGKILL mid-run, then
/// repaired, keeps every frame it said it received (the frame lines of detections.jsonl) with the stored values of the
/// source; folders that are not recordings are one line and exit 2, untouched. Rows of docs/fault-matrix.md.
/// </summary>
[TestFixture]
public sealed class RecordingRepairTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    static string Source => Path.Combine(RepoPaths.ReplayData, "ph701-ap.dcm"); // 14 frames

    string work = "";

    [SetUp]
    public void MakeWorkFolder() => work = Directory.CreateTempSubdirectory("cli-repair-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(work, recursive: true);

    [Test]
    public async Task ASessionKilledMidRun_IsRepairedWithEveryFrameItReceived()
    {
        string recording = Path.Combine(work, "rec");
        int pid = 0;
        var session = CliProcess.RunAsync(work, Limit, display: null, (_, id) => Interlocked.CompareExchange(ref pid, id, 0),
            "replay", Source, "--speed", "0.5", "--model", TinyCheckpoint.Path, "--device", "cpu", "--threads", "1",
            "--headless", "--snapshots", Path.Combine(work, "shots"), "--record", recording);
        // Killed once the recorder says 3 frames arrived (of 14: mid-run, the run file not written yet).
        while (Volatile.Read(ref pid) == 0 || FrameLines(recording) < 3)
        {
            if (session.IsCompleted) Assert.Fail($"the session ended before it was killed: {await session}");
            await Task.Delay(50);
        }
        CliProcess.KillHard(pid);
        var killed = await session;
        Assert.That(killed.ExitCode, Is.EqualTo(137), killed.ToString()); // 128 + SIGKILL, from env's child
        Assert.That(File.Exists(Path.Combine(recording, "run-000.dcm")), Is.False, "the run had not ended: no run file yet");
        int received = FrameLines(recording);

        var repair = await CliProcess.RunAsync(work, Limit, "recording", "repair", recording);

        Assert.That(repair.ExitCode, Is.EqualTo(0), repair.ToString());
        Assert.That(repair.StdOut, Does.Match(@"run-000\.journal: run-000\.dcm written, \d+ frame\(s\)"));
        var source = DicomRun.Open(Source);
        var repaired = DicomRun.Open(Path.Combine(recording, "run-000.dcm"));
        // The journal gets a frame before detections.jsonl's line for it: one more may be kept, none fewer.
        Assert.That(repaired.Pixels.FrameCount, Is.InRange(received, received + 1), repair.ToString());
        Assert.That(repaired.Pixels.FrameCount, Is.LessThan(source.Pixels.FrameCount), "killed mid-run");
        for (int i = 0; i < repaired.Pixels.FrameCount; i++)
            Assert.That(repaired.ReadFrame(i).Pixels, Is.EqualTo(source.ReadFrame(i).Pixels), $"stored values of frame {i}");
        Assert.That(Directory.GetFiles(recording, "*.journal"), Is.Empty, "the journal is gone once its run file is written");

        var again = await CliProcess.RunAsync(work, Limit, "recording", "repair", recording);
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(again.StdOut, Does.Contain("nothing to repair"));
        Assert.That(DicomRun.Open(Path.Combine(recording, "run-000.dcm")).Pixels.FrameCount, Is.EqualTo(repaired.Pixels.FrameCount), "a second repair changes nothing");
    }

    [TestCase("empty")]
    [TestCase("foreign")]
    [TestCase("missing")]
    public async Task AFolderThatIsNotARecording_IsOneLineAndExit2_Untouched(string kind)
    {
        string folder = Path.Combine(work, kind);
        if (kind != "missing") Directory.CreateDirectory(folder);
        if (kind == "foreign") File.WriteAllText(Path.Combine(folder, "run-000.journal"), "the user's own file");

        var result = await CliProcess.RunAsync(work, Limit, "recording", "repair", folder);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines.Single(), Does.Contain(folder));
            Assert.That(result.StdErr, Does.Not.Contain("   at "), "no stack trace");
        });
        if (kind == "foreign")
        {
            Assert.That(Directory.GetFileSystemEntries(folder), Has.Length.EqualTo(1));
            Assert.That(File.ReadAllText(Path.Combine(folder, "run-000.journal")), Is.EqualTo("the user's own file"));
        }
        else if (kind == "empty") Assert.That(Directory.GetFileSystemEntries(folder), Is.Empty);
    }

    /// <summary>The recorder's `frame` lines so far (detections.jsonl is flushed per line; the writer shares reading).</summary>
    static int FrameLines(string recording)
    {
        string path = Path.Combine(recording, "detections.jsonl");
        if (!File.Exists(path)) return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').Count(line => line.Contains("\"type\":\"frame\"", StringComparison.Ordinal));
    }
}
