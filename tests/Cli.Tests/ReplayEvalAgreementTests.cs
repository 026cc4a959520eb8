using System.Text.Json;
using System.Text.RegularExpressions;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// `occlunet replay --speed max` (the live pipeline, lossless) and `occlunet eval` (the offline pass) judge the same runs
/// the same way: per run, the verdict the replay summary prints equals the one eval writes, under the paper's trajectory
/// rule and under the live rule (gaps bridged). Phantom runs written by `occlunet synth`, the shipped model.
/// </summary>
[TestFixture]
public sealed partial class ReplayEvalAgreementTests
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    [Test]
    public async Task ReplayAtMaxSpeedAndEvalGiveTheSameVerdictPerRun()
    {
        string work = Directory.CreateTempSubdirectory("cli-agreement-").FullName;
        try
        {
            string model = RepoPaths.ShippedModel;
            string runs = Path.Combine(work, "runs");
            var synth = await CliProcess.RunAsync(work, Limit, "synth", "--out", runs, "--count", "3", "--seed", "3000000", "--size", "256");
            Assert.That(synth.ExitCode, Is.Zero, synth.ToString());
            var eval = await CliProcess.RunAsync(work, Limit, "eval", "--model", model, "--data", runs, "--threads", "1", "--device", "cpu",
                "--json", Path.Combine(work, "eval.json"));
            Assert.That(eval.ExitCode, Is.Zero, eval.ToString());
            using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "eval.json")));

            foreach (var (gap, section) in new[] { ("0", "all"), ("2", "bridged") })
            {
                var replay = await CliProcess.RunAsync(work, Limit, "replay", runs, "--speed", "max", "--model", model, "--device", "cpu",
                    "--threads", "1", "--headless", "--bridge-gaps", gap, "--audit", Path.Combine(work, "audit"));
                Assert.That(replay.ExitCode, Is.Zero, replay.ToString());
                var replayed = VerdictLine().Matches(replay.StdOut).ToDictionary(m => m.Groups["run"].Value, m => m.Groups["verdict"].Value);
                var evaluated = document.RootElement.GetProperty(section)[0].GetProperty("runs").EnumerateArray()
                    .ToDictionary(r => r.GetProperty("runId").GetString()!, r => r.GetProperty("verdict").GetString()!);
                Assert.That(evaluated, Has.Count.EqualTo(3));
                Assert.That(replayed, Is.EqualTo(evaluated), $"--bridge-gaps {gap}: replay's verdicts (left) against eval's {section} section\n{replay.StdOut}");
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [GeneratedRegex(@"^result (?<run>[^:]+)\.dcm: .*; verdict (?<verdict>\w+)$", RegexOptions.Multiline)]
    private static partial Regex VerdictLine();
}
