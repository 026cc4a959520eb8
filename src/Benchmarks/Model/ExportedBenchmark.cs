using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Model.Runtime;

namespace OccluNet.Live.Benchmarks.Model;

/// <summary>Where an exported model runs: ONNX Runtime's CPU provider, or its CUDA provider in float32 or with TF32.</summary>
public enum OnnxProvider { Cpu, Cuda, CudaTf32 }

/// <summary>One exported model on one provider and thread count: the streaming step of the ONNX engine and of bare ONNX Runtime, and its parity with the reference.</summary>
public sealed record ExportedBenchRow(string Model, string Provider, int Threads, double OpenAndFirstStepMs,
    double EngineMedianMs, double EngineP99Ms, double BareMedianMs, double BareP99Ms, double RatioToBareOrt,
    int? ParityWindows, double? WorstBoxDifference, double? WorstScoreDifference, string? ReferenceEngine);

/// <summary>
/// `occlunet bench exported`: the folders `occlunet export` wrote, run where they are deployed, without the checkpoint
/// or libtorch: per provider and thread count, the time to open the sessions and run the first step (CUDA picks its
/// convolution algorithms then), the streaming step of the ONNX engine against bare ONNX Runtime on the same graphs
/// (the two take turns, as in `bench model`), and, when the folder holds a reference (`export --reference`), the worst
/// difference of the engine's raw boxes and scores from TorchSharp's on every window of the reference runs.
/// </summary>
public static class ExportedBenchmark
{
    public static IReadOnlyList<ExportedBenchRow> Run(IReadOnlyList<string> folders, IReadOnlyList<OnnxProvider> providers, IReadOnlyList<int> threadCounts,
        int repetitions, TextWriter output, IProgress<WorkProgress>? progress = null)
    {
        output.WriteLine($"ONNX Runtime {OnnxSessions.Version}; {repetitions} timed steps per row ({EngineBenchmark.Method}); {Environment.ProcessorCount} logical cores");
        var models = folders.Select(ExportedModel.Load).ToArray();
        var cases = new BenchmarkCases(progress, models.Length * providers.Count * threadCounts.Count);
        var rows = new List<ExportedBenchRow>();
        foreach (var model in models)
        {
            var reference = ExportReference.ReadFrom(model);
            var m = model.Metadata;
            var frame = reference?.Runs[0].Inputs[reference.Runs[0].Inputs.Count / 2] ?? EngineBenchmark.Frame(m.InputSize);
            foreach (var provider in providers)
                foreach (int threads in threadCounts)
                {
                    string name = $"{m.ModelId} ({Path.GetFileName(Path.TrimEndingDirectorySeparator(model.Folder))})";
                    cases.Start($"{name}, {Describe(provider)}, {threads} thread(s)");
                    bool cuda = provider != OnnxProvider.Cpu;
                    var watch = Stopwatch.StartNew();
                    using var options = OnnxSessions.Options(threads, cuda, tf32: provider == OnnxProvider.CudaTf32);
                    using var loaded = model.CreateDetector(options, $"{Describe(provider)}, ONNX Runtime {OnnxSessions.Version} ({threads} thread(s))");
                    var detector = loaded.Detector;
                    int lookAhead = TemporalWindow.Of(detector.Info).LookAhead;
                    var steps = StreamingStepTiming.DetectorSteps(detector, frame, lookAhead);
                    steps();
                    double first = watch.Elapsed.TotalMilliseconds;
                    ExportReference.Parity? parity = reference?.Compare(detector);
                    detector.Reset();
                    steps = StreamingStepTiming.DetectorSteps(detector, frame, lookAhead);
                    using var bare = new BareOrtSteps(model.Graphs, m, options, frame);
                    var times = EngineBenchmark.TakeTurns([steps, bare.Step], repetitions);
                    var (engine, bareOrt) = (EngineBenchmark.Summary(times[0]), EngineBenchmark.Summary(times[1]));
                    rows.Add(new ExportedBenchRow(name, Describe(provider), threads, first, engine.Median, engine.P99, bareOrt.Median, bareOrt.P99,
                        engine.Median / bareOrt.Median, parity?.Windows, parity?.WorstBox, parity?.WorstScore, reference?.Engine));
                    if (cuda) break; // the CUDA provider runs the graph on the GPU: the CPU thread count changes nothing measurable
                }
        }
        cases.Finish();
        Print(rows, output);
        return rows;
    }

    /// <summary>--device's names: cpu, cuda, cuda-tf32; null for any other.</summary>
    public static OnnxProvider? ParseProvider(string text) => text.Trim().ToLowerInvariant() switch
    {
        "cpu" => OnnxProvider.Cpu,
        "cuda" => OnnxProvider.Cuda,
        "cuda-tf32" => OnnxProvider.CudaTf32,
        _ => null,
    };

    private static string Describe(OnnxProvider provider) => provider switch
    {
        OnnxProvider.Cpu => "cpu",
        OnnxProvider.Cuda => "cuda fp32",
        _ => "cuda tf32",
    };

    public static void WriteJson(IReadOnlyList<ExportedBenchRow> rows, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            onnxRuntime = OnnxSessions.Version,
            machine = $"{Environment.ProcessorCount} logical cores",
            method = EngineBenchmark.Method,
            rows,
        }, new JsonSerializerOptions { WriteIndented = true }));

    private static void Print(IReadOnlyList<ExportedBenchRow> rows, TextWriter output)
    {
        static string F(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "n/a";
        output.WriteLine("| exported model | provider | threads | open + first step ms | ONNX engine median / p99 ms | bare ORT median / p99 ms | x bare ORT | windows vs reference | worst box diff px | worst score diff |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
            output.WriteLine($"| {r.Model} | {r.Provider} | {r.Threads} | {F(r.OpenAndFirstStepMs, "0")} | {F(r.EngineMedianMs, "0.0")} / {F(r.EngineP99Ms, "0.0")} | {F(r.BareMedianMs, "0.0")} / {F(r.BareP99Ms, "0.0")} | {F(r.RatioToBareOrt, "0.00")} | {(r.ParityWindows?.ToString(CultureInfo.InvariantCulture) ?? "no reference")} | {F(r.WorstBoxDifference, "E2")} | {F(r.WorstScoreDifference, "E2")} |");
    }
}
