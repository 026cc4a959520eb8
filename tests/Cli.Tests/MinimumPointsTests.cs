using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// An operating point's minimum of trajectory points reaches the live view: the shipped phantom-2 model boxes
/// replay-data/ph701-ap.dcm with a trajectory over frames 4-13 (ten points, shown with frame 4); the same weights with
/// five points show it with frame 8, with eleven points never.
/// </summary>
[TestFixture]
public sealed class MinimumPointsTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    string work = "";

    [SetUp]
    public void MakeWorkFolder() => work = Directory.CreateTempSubdirectory("cli-min-points-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(work, recursive: true);

    string WithPoints(int points)
    {
        var shipped = RepoPaths.Require(Path.Combine(RepoPaths.Root, "models", "phantom2", "occlunet1.safetensors"));
        var copy = Path.Combine(work, $"points{points}.safetensors");
        Checkpoint.CopyWithOperatingPoint(shipped, copy, Checkpoint.ReadMetadata(shipped).OperatingPoint! with { MinPoints = points });
        return copy;
    }

    async Task<string> ReplayResult(string model)
    {
        var result = await CliProcess.RunAsync(work, Limit, "replay", Path.Combine(RepoPaths.ReplayData, "ph701-ap.dcm"), "--speed", "max",
            "--model", model, "--threads", "1", "--headless", "--quiet");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result.StdOut.Split('\n').Single(l => l.StartsWith("result ph701-ap.dcm:", StringComparison.Ordinal));
    }

    [Test]
    public async Task TheReplayShowsTheBoxOnlyOnceItsTrajectoryHasTheOperatingPointsMinimum()
    {
        string one = await ReplayResult(WithPoints(1)), five = await ReplayResult(WithPoints(5)), eleven = await ReplayResult(WithPoints(11));

        Assert.That(one, Does.Contain("trajectory frames 4-13").And.Contain("best box first shown with frame 4").And.Contain("verdict TruePositive"));
        Assert.That(five, Does.Contain("trajectory frames 4-13").And.Contain("best box first shown with frame 8").And.Contain("verdict TruePositive"));
        Assert.That(eleven, Does.Not.Contain("trajectory frames").And.Contain("verdict Missed"), eleven);
    }
}
