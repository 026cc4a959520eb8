using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Model;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Model.Tests;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Cli.Tests;

/// <summary>`bench latency --compare`: a causal model beside a centred one on the same runs, in one process.</summary>
public sealed class BenchLatencyCompareTests
{
    [Test]
    public async Task CausalModelsEvidenceIsItsEndToEndWhileTheCentredWaitsAFrame()
    {
        string work = Directory.CreateTempSubdirectory("bench-compare-").FullName;
        try
        {
            var config = TinyModels.Config(TemporalVariant.OccluNet1);
            var causalConfig = config with { Temporal = config.Temporal with { Mode = WindowMode.Causal } };
            string causal = Path.Combine(work, "causal.safetensors");
            using (var model = TinyModels.Build(causalConfig))
                Checkpoint.Save(causal, model, CheckpointMetadata.For(causalConfig, TinyModels.InputSize, InputNormalisation.Default, ["occlusion"], "cli-test", "none"));

            string run = Path.Combine(RepoPaths.ReplayData, "ph501-lat.dcm");
            var result = await CliProcess.RunAsync(work, TimeSpan.FromMinutes(5), "bench", "latency", "--data", run, "--speed", "4", "--model", TinyCheckpoint.Path,
                "--compare", causal, "--threads", "1", "--json", "both.json", "--png", "both.png", "-q");
            Assert.That(result.ExitCode, Is.Zero, result.StdErr);
            Assert.That(result.StdOut, Does.Contain("== side by side:"));

            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "both.json")));
            JsonElement first = json.RootElement.GetProperty("first"), second = json.RootElement.GetProperty("second");
            Assert.That(first.GetProperty("framesReceived").GetInt64(), Is.EqualTo(10));
            Assert.That(second.GetProperty("framesReceived").GetInt64(), Is.EqualTo(10), "both models saw the same frames");
            double P50(JsonElement report, string stage) => report.GetProperty("stages").EnumerateArray()
                .Single(s => s.GetProperty("stage").GetString() == stage).GetProperty("p50").GetDouble();
            Assert.That(P50(second, "evidence"), Is.EqualTo(P50(second, "end-to-end")).Within(1e-9), "causal: the result is about the newest frame");
            Assert.That(P50(first, "evidence") - P50(first, "end-to-end"), Is.GreaterThan(50), "centred: the result waits for the next frame (>= 1 interval / 4)");

            var missing = await CliProcess.RunAsync(work, TimeSpan.FromMinutes(1), "bench", "latency", "--data", run, "--model", TinyCheckpoint.Path, "--compare", "nope.safetensors");
            Assert.That(missing.ExitCode, Is.EqualTo(2));
            Assert.That(missing.StdErr, Does.Contain("nope.safetensors").And.Contain("--compare"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
