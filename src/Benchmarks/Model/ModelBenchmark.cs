using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Benchmarks.Model;

/// <summary>One row of the model benchmark table.</summary>
public sealed record ModelBenchRow(string Case, double? GflopPerFrame, double Ms, double? GflopPerSecond, double? RatioToFloor, string Note);

/// <summary>Settings of one `occlunet bench model` run.</summary>
/// <param name="ExportGraphs">When set, each case's two graphs are also written to a folder of their own under it (for `bench exported` elsewhere).</param>
public sealed record ModelBenchSettings(Device Device, IReadOnlyList<int> Threads, int Repetitions, string ShippedModel, string? ExportGraphs = null);

/// <summary>Everything one `occlunet bench model` run measured.</summary>
public sealed record ModelBenchResult(IReadOnlyList<ModelBenchRow> Floor, IReadOnlyList<EngineBenchRow> Engines);

/// <summary>
/// The model benchmark, one run: this machine's conv throughput (the floor, per thread count) and the streaming step
/// of the shipped nano-256 model, nano-416, S-512 and S-640 under each engine (<see cref="EngineBenchmark"/>), at every
/// thread count asked for. Medians and p99 of N warm runs.
/// </summary>
public static class ModelBenchmark
{
    private const int Warmup = 2;

    public static ModelBenchResult Run(ModelBenchSettings settings, TextWriter output, IProgress<WorkProgress>? progress = null)
    {
        output.WriteLine($"device {settings.Device.type.ToString().ToLowerInvariant()}, libtorch {torch.__version__}, ONNX Runtime {OnnxSessions.Version}; threads {string.Join(", ", settings.Threads)}; {settings.Repetitions} timed steps per case ({EngineBenchmark.Method}; floor after {Warmup} warm-up); {Environment.ProcessorCount} logical cores (shared: load {LoadAverage()})");
        var cases = new BenchmarkCases(progress, 2);
        cases.Start("conv floor");
        var floor = settings.Threads.Select(t =>
        {
            TorchRuntime.UseThreads(t);
            return ConvFloor(settings) with { Case = $"floor: conv 3x3 128->128 @ 80x80, {t} thread(s)" };
        }).ToArray();
        Print(floor, output);
        cases.Start("engines: streaming step, nano-416, S-512, S-640");
        var engines = EngineBenchmark.Run(settings.Threads, settings.Repetitions, settings.ShippedModel, output, settings.ExportGraphs);
        cases.Finish();
        output.WriteLine($"load average after the run: {LoadAverage()}");
        return new ModelBenchResult(floor, engines);
    }

    public static void WriteJson(ModelBenchResult result, ModelBenchSettings settings, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            device = settings.Device.ToString(),
            settings.Threads,
            settings.Repetitions,
            libtorch = torch.__version__,
            onnxRuntime = OnnxSessions.Version,
            machine = $"{Environment.ProcessorCount} logical cores",
            load = LoadAverage(),
            floor = result.Floor,
            engines = result.Engines,
        }, DomainJson.Options));

    /// <summary>The 1-minute load average (Linux), to judge a run on a shared machine; "n/a" elsewhere.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>A 3 x 3 conv 128 -> 128 on 80 x 80 (a YOLOX-S P3-sized layer): what this machine's conv kernels reach.</summary>
    private static ModelBenchRow ConvFloor(ModelBenchSettings s)
    {
        using var scope = NewDisposeScope();
        var x = randn(1, 128, 80, 80, device: s.Device);
        var w = randn(128, 128, 3, 3, device: s.Device);
        double gflop = 2.0 * 128 * 128 * 9 * 80 * 80 / 1e9;
        double ms = Median(s, () => nn.functional.conv2d(x, w, padding: [1, 1]));
        return new ModelBenchRow("floor", gflop, ms, gflop / (ms / 1000), 1.0, "baseline of this run");
    }

    /// <summary>Median wall time of a torch call: inference mode, one dispose scope per run, CUDA synchronised.</summary>
    private static double Median(ModelBenchSettings s, Func<Tensor?> run)
    {
        var times = new List<double>();
        for (int i = 0; i < Warmup + s.Repetitions; i++)
        {
            using var _ = inference_mode();
            using var scope = NewDisposeScope();
            var watch = Stopwatch.StartNew();
            run();
            if (s.Device.type == DeviceType.CUDA) torch.cuda.synchronize();
            if (i >= Warmup) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
    }

    private static void Print(IReadOnlyList<ModelBenchRow> rows, TextWriter output)
    {
        static string F(double? v, string format) => v is { } x && !double.IsNaN(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "n/a";
        output.WriteLine("| case | GFLOP/frame | ms/frame | GFLOP/s | note |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var r in rows)
            output.WriteLine($"| {r.Case} | {F(r.GflopPerFrame, "0.00")} | {F(r.Ms, "0.0")} | {F(r.GflopPerSecond, "0.0")} | {r.Note} |");
    }
}
