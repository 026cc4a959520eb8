using OccluNet.Live.Overlay.Tests;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// A folder replay says of each run what that run says replayed alone: a run's last results arrive after the next run
/// has started, and must still be credited to their own run. The folder mixes a positive, a negative right after it, a
/// broken file, a truncated run and another positive; the shipped model gives the real answers.
/// </summary>
[TestFixture]
public sealed class RunAttributionTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    string work = "";

    [SetUp]
    public void MakeWorkFolder() => work = Directory.CreateTempSubdirectory("cli-attribution-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(work, recursive: true);

    [Test]
    public async Task AFolderReplayGivesEveryRunTheLineItGetsAlone()
    {
        string runs = Path.Combine(work, "runs");
        Directory.CreateDirectory(runs);
        // Short runs keep the test small: ph701's first 9 frames hold its occlusion (visible from frame 3).
        RunFiles.WriteFirstFrames(Replay("ph701-ap.dcm"), Path.Combine(runs, "a-positive.dcm"), frames: 9);
        RunFiles.WriteFirstFrames(Replay("ph601-lat.dcm"), Path.Combine(runs, "b-negative.dcm"), frames: 6);
        // A DICOM preamble and the start of a data set, cut off: recognised as DICOM, unreadable.
        File.WriteAllBytes(Path.Combine(runs, "c-broken.dcm"), File.ReadAllBytes(Replay("ph601-lat.dcm"))[..1200]);
        RunFiles.WriteFirstFrames(Replay("ph122-ap.dcm"), Path.Combine(runs, "d-truncated.dcm"), frames: 9, keptFrames: 6.5);
        RunFiles.WriteFirstFrames(Replay("ph201-lat.dcm"), Path.Combine(runs, "e-positive.dcm"), frames: 8);

        var folder = await ReplayAsync(runs);
        Assert.That(folder.ExitCode, Is.EqualTo(3), "the broken and truncated files make the replay incomplete (exit 3): " + folder);
        var folderLines = ResultLines(folder);
        Assert.That(folderLines.Keys, Is.EquivalentTo(new[] { "a-positive.dcm", "b-negative.dcm", "c-broken.dcm", "d-truncated.dcm", "e-positive.dcm" }), folder.ToString());

        foreach (var file in folderLines.Keys)
        {
            var alone = await ReplayAsync(Path.Combine(runs, file));
            Assert.That(ResultLines(alone), Does.ContainKey(file), alone.ToString());
            Assert.That(folderLines[file], Is.EqualTo(ResultLines(alone)[file]), $"{file}: the folder replay's line is the run's own");
        }
        Assert.Multiple(() =>
        {
            Assert.That(folderLines["a-positive.dcm"], Does.Contain("trajectory frames"), "the shipped model finds ph701's occlusion (so a wrong credit could happen)");
            Assert.That(folderLines["b-negative.dcm"], Does.Contain("no occlusion detected"), "the negative run right after it keeps its own answer");
            Assert.That(folderLines["c-broken.dcm"], Does.Contain("not analysed"));
            Assert.That(folderLines["d-truncated.dcm"], Does.Contain("6 frames, 3 unreadable"));
        });
    }

    Task<CliResult> ReplayAsync(string input) =>
        CliProcess.RunAsync(work, Limit, "replay", input, "--speed", "max", "--model", RepoPaths.ShippedModel, "--device", "cpu", "--threads", "1",
            "--headless", "--audit", Path.Combine(work, "audit"));

    /// <summary>The summary's "result NAME: ..." lines by run name.</summary>
    static Dictionary<string, string> ResultLines(CliResult result) =>
        result.StdOut.Split('\n').Where(l => l.StartsWith("result ", StringComparison.Ordinal))
            .ToDictionary(l => l["result ".Length..l.IndexOf(':')], l => l[(l.IndexOf(':') + 1)..].Trim());

    static string Replay(string name) => RepoPaths.Require(Path.Combine(RepoPaths.ReplayData, name));
}
