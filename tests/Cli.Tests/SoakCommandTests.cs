using System.Text.RegularExpressions;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// `occlunet bench soak --live-faults N` at a small size: the runs go through a real drop folder watched by the live
/// pipeline with each injected fault once; every good frame arrives, every duplicate and broken file is said, and every
/// result belongs to the run of its file. (Memory flatness needs thousands of frames: the exit code must follow the
/// printed verdict, not judged here.)
/// </summary>
[TestFixture]
public sealed partial class SoakCommandTests
{
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    [Test]
    public async Task ADropFolderSoakWithEachFaultOnce_LosesAndMisattributesNothing()
    {
        string work = Directory.CreateTempSubdirectory("cli-soak-").FullName;
        try
        {
            string json = Path.Combine(work, "soak.json");
            var result = await CliProcess.RunAsync(work, Limit, "bench", "soak", "--data", RepoPaths.ReplayData, "--frames", "60",
                "--every", "10", "--live-faults", "12", "--model", TinyCheckpoint.Path, "--device", "cpu", "--threads", "1", "--json", json);

            var injected = Injected().Match(result.StdOut);
            var said = Said().Match(result.StdOut);
            Assert.That(injected.Success && said.Success, Is.True, result.ToString());
            Assert.Multiple(() =>
            {
                Assert.That(injected.Groups["lost"].Value, Is.EqualTo("0"), "every good frame arrived");
                Assert.That(injected.Groups["expected"].Value, Is.EqualTo(injected.Groups["received"].Value));
                foreach (string fault in new[] { "broken", "slow", "duplicates", "stalls" })
                    Assert.That(int.Parse(injected.Groups[fault].Value), Is.GreaterThanOrEqualTo(1), $"{fault} injected");
                Assert.That(said.Groups["faults"].Value, Is.EqualTo(injected.Groups["broken"].Value), "one source fault per broken file");
                Assert.That(said.Groups["duplicates"].Value, Is.EqualTo(injected.Groups["duplicates"].Value), "every duplicate said");
                Assert.That(int.Parse(said.Groups["results"].Value), Is.GreaterThan(0));
                Assert.That(said.Groups["misattributed"].Value, Is.EqualTo("0"));
                Assert.That(said.Groups["spanning"].Value, Is.EqualTo("0"));
                Assert.That(result.StdOut, Does.Contain("nothing lost, nothing misattributed"));
                Assert.That(result.ExitCode, Is.EqualTo(result.StdOut.Contains("-> flat (< 5 %)", StringComparison.Ordinal) ? 0 : 1), result.ToString());
                Assert.That(File.ReadAllText(json), Does.Contain("\"account\""));
            });
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [GeneratedRegex(@"frames expected (?<expected>\d+), received (?<received>\d+) \(lost (?<lost>-?\d+)\); injected: (?<broken>\d+) broken, (?<slow>\d+) slow writers, (?<duplicates>\d+) duplicates, (?<stalls>\d+) stalls")]
    private static partial Regex Injected();

    [GeneratedRegex(@"said: (?<faults>\d+) source faults, (?<duplicates>\d+) duplicates; (?<results>\d+) results, (?<misattributed>\d+) misattributed, (?<spanning>\d+) runs spanning files")]
    private static partial Regex Said();
}
