using OccluNet.Live.Domain;
using OccluNet.Live.Model;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Model.Runtime;
using OccluNet.Live.Model.Yolox;
using OccluNet.Live.Streaming.Pipeline;
using TorchSharp;

namespace OccluNet.Live.Benchmarks.Model;

/// <summary>One engine on one streaming-step case at one thread count.</summary>
public sealed record EngineBenchRow(string Case, int Threads, string Engine, double MedianMs, double P99Ms, double? RatioToBareOrt);

/// <summary>
/// The streaming step (encode the new frame, temporal module + head over the cached window, detections) of four
/// models, each run by four engines with the same input and threads: TorchSharp as trained (the path before the lean
/// form), TorchSharp lean (BN folded, last temporal layer on the output frame), the ONNX engine, and bare ONNX Runtime on
/// the same two graphs (encoder and head sessions run back to back, no cache and no post-processing of ours).
/// The engines take turns of a few steps, the first engine of a round rotating: on a shared machine a slow spell then
/// falls on all four alike instead of on whichever engine ran during it (one engine after the other, TorchSharp's rows
/// moved up to 1.6x between runs while the ONNX rows did not; some of that is the machine, some is not explained:
/// docs/model.md "The engines take turns").
/// </summary>
internal static class EngineBenchmark
{
    /// <summary>Warm-up rounds before timing: at least this many, and at least <see cref="WarmupTime"/> (JIT tiering, oneDNN's primitive cache).</summary>
    private const int WarmupRounds = 2;
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(2);
    private const int TimedStepsPerTurn = 4;

    /// <summary>How the engines were timed, for the report's header.</summary>
    public static string Method => $"engines take turns of 1 untimed + {TimedStepsPerTurn} timed steps, after >= {WarmupTime.TotalSeconds:0} s of warm-up";

    private sealed record Case(string Name, Func<(OccluNetModel Model, CheckpointMetadata Metadata)> Load);

    public static IReadOnlyList<EngineBenchRow> Run(IReadOnlyList<int> threadCounts, int repetitions, string shippedModel, TextWriter output, string? exportGraphs = null)
    {
        var cases = new List<Case>();
        if (File.Exists(shippedModel)) cases.Add(new Case($"shipped {Path.GetFileName(shippedModel)}", () => Checkpoint.LoadModel(shippedModel)));
        else output.WriteLine($"(shipped model {shippedModel} not found: its row is skipped)");
        cases.Add(Random("OccluNet1 nano-416", YoloxScale.Nano, 416));
        cases.Add(Random("OccluNet1 S-512", YoloxScale.S, 512));
        cases.Add(Random("OccluNet1 S-640", YoloxScale.S, 640));

        var rows = new List<EngineBenchRow>();
        var written = new HashSet<string>();
        foreach (int threads in threadCounts)
            foreach (var c in cases)
            {
                TorchRuntime.UseThreads(threads);
                var (asTrained, metadata) = c.Load();
                // The paper's threshold as before; a mirror-averaged operating point is measured as it runs: every engine averages.
                var settings = DetectionSettings.Default with { MirrorAveraged = metadata.DetectionSettings.MirrorAveraged };
                string name = $"{c.Name} ({metadata.Architecture}-{metadata.Scale.Name}-{metadata.InputSize}, {metadata.Temporal.Window.Mode.ToString().ToLowerInvariant()}{(settings.MirrorAveraged ? ", mirror-averaged" : "")})";
                output.WriteLine($"  {name}, {threads} thread(s)...");
                var graphs = OccluNetOnnxExporter.Export(asTrained, metadata, "bench", settings.MirrorAveraged);
                if (exportGraphs is not null && written.Add(metadata.ModelId))
                    output.WriteLine($"  graphs written to {OccluNetOnnxExporter.WriteTo(graphs, Path.Combine(exportGraphs, metadata.ModelId)).Encoder}, ...");
                var (lean, _) = c.Load();
                lean.PrepareForInference();
                var info = metadata.DetectorInfo("", "cpu", DetectionSettings.Default);
                var frame = Frame(metadata.InputSize);
                int lookAhead = metadata.Temporal.Window.LookAhead;

                using var options = OnnxSessions.Options(threads, cuda: false);
                using var torchAsTrained = new StreamingOcclusionDetector(asTrained, info, torch.CPU, settings);
                using var torchLean = new StreamingOcclusionDetector(lean, info, torch.CPU, settings);
                using var onnx = new OnnxOcclusionDetector(graphs, metadata.Temporal, metadata.Classes.Count, info, options, settings);
                using var bare = new BareOrtSteps(graphs, metadata, options, frame);
                var engines = new (string Engine, Action Step)[]
                {
                    ("TorchSharp as trained", StreamingStepTiming.DetectorSteps(torchAsTrained, frame, lookAhead)),
                    ("TorchSharp lean", StreamingStepTiming.DetectorSteps(torchLean, frame, lookAhead)),
                    ("ONNX engine", StreamingStepTiming.DetectorSteps(onnx, frame, lookAhead)),
                    ("bare ONNX Runtime", bare.Step),
                };
                var times = TakeTurns(engines.Select(e => e.Step).ToArray(), repetitions);
                var summaries = times.Select(Summary).ToArray();
                for (int k = 0; k < engines.Length; k++)
                    rows.Add(new EngineBenchRow(name, threads, engines[k].Engine, summaries[k].Median, summaries[k].P99, summaries[k].Median / summaries[^1].Median));
            }
        Print(rows, output);
        return rows;
    }

    private static Case Random(string name, YoloxScale scale, int size) => new(name, () =>
    {
        var config = new OccluNetConfig(scale, 1, new TemporalConfig(Mode: WindowMode.Causal));
        torch.manual_seed(7);
        var model = new OccluNetModel(config);
        model.eval();
        return (model, CheckpointMetadata.For(config, size, InputNormalisation.Default, ["occlusion"], "bench (random weights)", "-"));
    });

    /// <summary>A fixed pseudo-random frame: every engine and run steps on the same input.</summary>
    internal static float[] Frame(int size)
    {
        var random = new Random(11);
        return Enumerable.Range(0, size * size).Select(_ => (float)random.NextDouble()).ToArray();
    }

    /// <summary>The engines in turns after the warm-up (<see cref="StreamingStepTiming.TakeTurns"/>).</summary>
    internal static List<double>[] TakeTurns(Action[] steps, int repetitions) =>
        StreamingStepTiming.TakeTurns(steps, repetitions, WarmupRounds, WarmupTime, TimedStepsPerTurn);

    internal static (double Median, double P99) Summary(List<double> times) => (Median.Of(times) ?? double.NaN, Percentile.Of(times, 99));

    private static void Print(IReadOnlyList<EngineBenchRow> rows, TextWriter output)
    {
        output.WriteLine("| streaming step | threads | engine | median ms | p99 ms | x bare ORT |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"| {r.Case} | {r.Threads} | {r.Engine} | {r.MedianMs:0.0} | {r.P99Ms:0.0} | {r.RatioToBareOrt:0.00} |"));
    }
}
