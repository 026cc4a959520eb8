using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// Issue 12: output folders that are not ours are refused in one line with exit 2 (nothing overwritten); a replay that
/// lost frames exits 3; `audit verify` checks what the replay wrote. Rows of docs/fault-matrix.md.
/// </summary>
[TestFixture]
public sealed class OutputAndExitCodeTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    static string Run => Path.Combine(RepoPaths.ReplayData, "ph501-lat.dcm"); // 10 frames, 512 px

    string work = "";

    [SetUp]
    public void MakeWorkFolder() => work = Directory.CreateTempSubdirectory("cli-output-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(work, recursive: true);

    Task<CliResult> ReplayAsync(params string[] extra) =>
        CliProcess.RunAsync(work, Limit, ["replay", Run, "--speed", "max", "--model", TinyCheckpoint.Path, "--device", "cpu", "--threads", "1", "--headless", "--snapshots", Path.Combine(work, "shots"), .. extra]);

    [Test]
    public async Task RecordIntoAUsersFolder_IsRefusedAndTheirRunFileIsKept()
    {
        string mine = Path.Combine(work, "mine");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "run-000.dcm"), "the user's own recording");

        var result = await ReplayAsync("--record", mine, "--audit", Path.Combine(work, "audit"));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines.Single(), Does.Contain(mine).And.Contain("not empty"));
            Assert.That(File.ReadAllText(Path.Combine(mine, "run-000.dcm")), Is.EqualTo("the user's own recording"));
            Assert.That(Directory.GetFileSystemEntries(mine), Has.Length.EqualTo(1));
        });
    }

    [TestCase("--record", "file")]
    [TestCase("--audit", "file")]
    [TestCase("--record", "/")]
    [TestCase("--audit", "/proc/occlunet-audit")]
    public async Task AnUnusableOutputFolder_IsOneLineAndExit2(string option, string what)
    {
        string path = what == "file" ? Path.Combine(work, "a-file") : what;
        if (what == "file") File.WriteAllText(path, "not a folder");
        string[] others = option == "--record" ? ["--audit", Path.Combine(work, "audit")] : [];

        var result = await ReplayAsync([option, path, .. others]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.ErrorLines.Single(), Does.Contain(option).And.Contain(path));
            Assert.That(result.StdErr, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public async Task AFolderWithATruncatedRun_Exits3_AndItsAuditVerifies()
    {
        string runs = Path.Combine(work, "runs");
        Directory.CreateDirectory(runs);
        File.Copy(Run, Path.Combine(runs, "a-whole.dcm"));
        byte[] bytes = File.ReadAllBytes(Run);
        File.WriteAllBytes(Path.Combine(runs, "b-cut.dcm"), bytes[..(bytes.Length * 6 / 10)]);
        string audit = Path.Combine(work, "audit");

        var result = await CliProcess.RunAsync(work, Limit, "replay", runs, "--speed", "max", "--model", TinyCheckpoint.Path,
            "--device", "cpu", "--threads", "1", "--headless", "--snapshots", Path.Combine(work, "shots"), "--audit", audit);
        var verified = await CliProcess.RunAsync(work, Limit, "audit", "verify", audit);
        string trail = Directory.GetFiles(audit, "audit-*.jsonl").Single();
        var lines = File.ReadAllLines(trail);
        File.WriteAllLines(trail, lines[..^2]);
        var cut = await CliProcess.RunAsync(work, Limit, "audit", "verify", trail);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), "frames were lost: " + result);
            Assert.That(result.StdOut, Does.Contain("b-cut.dcm"));
            Assert.That(verified.ExitCode, Is.Zero, verified.ToString());
            Assert.That(verified.StdOut, Does.Contain("intact"));
            Assert.That(cut.ExitCode, Is.EqualTo(4), cut.ToString());
            Assert.That(cut.StdOut, Does.Contain("NOT INTACT").And.Contain("cut short"));
        });
    }
}
