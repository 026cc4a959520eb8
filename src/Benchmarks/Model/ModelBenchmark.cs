using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using OccluNet.Live.Domain;
using OccluNet.Live.Model;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Model.Yolox;
using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Benchmarks.Model;

/// <summary>One row of the model benchmark table.</summary>
public sealed record ModelBenchRow(string Case, double? GflopPerFrame, double Ms, double? GflopPerSecond, double? RatioToFloor, string Note);

/// <summary>Settings of one `occlunet bench model` run.</summary>
public sealed record ModelBenchSettings(Device Device, int Threads, int Repetitions, string OnnxPath);

/// <summary>
/// The model benchmark, one table per run: this machine's conv throughput (the floor), YOLOX-S at 640 and 512 and
/// nano at 416 (GFLOP per frame, ms per frame, ratio of achieved GFLOP/s to the floor), the streaming step (one new
/// frame encoded, temporal module and head on the cached window) against recomputing the window, and TorchSharp
/// against ONNX Runtime on Megvii's nano export with the same input and thread count. Medians of N warm runs.
/// </summary>
public static class ModelBenchmark
{
    private const int Warmup = 2;

    public static IReadOnlyList<ModelBenchRow> Run(ModelBenchSettings settings, TextWriter output, IProgress<WorkProgress>? progress = null)
    {
        torch.set_num_threads(settings.Threads);
        output.WriteLine($"device {TorchRuntimeDescription(settings.Device)}; threads {settings.Threads}; median of {settings.Repetitions} (after {Warmup} warm-up)");
        var cases = new BenchmarkCases(progress, 6);
        var rows = new List<ModelBenchRow>();
        cases.Start("conv floor");
        var floor = ConvFloor(settings);
        rows.Add(floor);
        double floorRate = floor.GflopPerSecond!.Value;
        cases.Start("YOLOX-S 640");
        rows.Add(Detector(settings, YoloxScale.S, 640, floorRate));
        cases.Start("YOLOX-S 512");
        rows.Add(Detector(settings, YoloxScale.S, 512, floorRate));
        cases.Start("YOLOX-nano 416");
        rows.Add(Detector(settings, YoloxScale.Nano, 416, floorRate));
        cases.Start("OccluNet1-S 512 streaming step vs recompute");
        rows.AddRange(Streaming(settings, 512, floorRate));
        cases.Start("ONNX Runtime vs TorchSharp, nano 416");
        rows.AddRange(OnnxRuntimeComparison(settings, floorRate));
        cases.Finish();
        Print(rows, output);
        return rows;
    }

    public static void WriteJson(IReadOnlyList<ModelBenchRow> rows, ModelBenchSettings settings, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            device = settings.Device.ToString(),
            settings.Threads,
            settings.Repetitions,
            libtorch = torch.__version__,
            machine = $"{Environment.ProcessorCount} logical cores",
            rows,
        }, DomainJson.Options));

    /// <summary>A 3 x 3 conv 128 -> 128 on 80 x 80 (a YOLOX-S P3-sized layer): what this machine's conv kernels reach.</summary>
    private static ModelBenchRow ConvFloor(ModelBenchSettings s)
    {
        using var scope = NewDisposeScope();
        var x = randn(1, 128, 80, 80, device: s.Device);
        var w = randn(128, 128, 3, 3, device: s.Device);
        double gflop = 2.0 * 128 * 128 * 9 * 80 * 80 / 1e9;
        double ms = Median(s, () => nn.functional.conv2d(x, w, padding: [1, 1]));
        return new ModelBenchRow("floor: conv 3x3 128->128 @ 80x80", gflop, ms, gflop / (ms / 1000), 1.0, "baseline of this run");
    }

    private static ModelBenchRow Detector(ModelBenchSettings s, YoloxScale scale, int size, double floorRate)
    {
        using var model = Build(new OccluNetConfig(scale, 1, TemporalConfig.SpatialOnly), s.Device);
        using var scope = NewDisposeScope();
        var input = rand([1, 1, 3, size, size], device: s.Device);
        double gflop = Gflop(model, () => model.call(input));
        double ms = Median(s, () => model.call(input).ObjectLogits[0]);
        return Row($"YOLOX-{scale.Name} {size} (1 frame)", gflop, ms, floorRate, "spatial-only detector, batch 1");
    }

    /// <summary>OccluNet1 on YOLOX-S: a live step (encode the new frame, temporal + head on the cache) against the whole window.</summary>
    private static IEnumerable<ModelBenchRow> Streaming(ModelBenchSettings s, int size, double floorRate)
    {
        var config = new OccluNetConfig(YoloxScale.S, 1, new TemporalConfig(Mode: WindowMode.Causal));
        using var reference = Build(config, s.Device);
        using var scope = NewDisposeScope();
        var window = rand([1, 3, 3, size, size], device: s.Device);
        double windowGflop = Gflop(reference, () => reference.call(window));
        double encodeGflop = Gflop(reference, () => reference.Encode(window[0, 0].unsqueeze(0)));
        double recomputeMs = Median(s, () => reference.call(window).ObjectLogits[0]);

        var info = new DetectorInfo("bench", "", s.Device.ToString(), size, 3, "causal", ClassSet.SingleClass);
        using var detector = new StreamingOcclusionDetector(Build(config, s.Device), info, s.Device);
        var frame = new float[size * size];
        int index = 0;
        for (; index < 3; index++) detector.Encode(index, frame);
        double stepMs = Median(s, () =>
        {
            detector.Encode(index, frame);
            detector.Detect(index);
            index++;
            return null;
        });
        yield return Row($"OccluNet1-S {size}: recompute window (3 frames)", windowGflop, recomputeMs, floorRate, "backbone+neck x3, temporal, head");
        yield return Row($"OccluNet1-S {size}: streaming step (cached)", windowGflop - 2 * encodeGflop, stepMs, floorRate,
            $"encode 1 frame + temporal + head + NMS; {recomputeMs / stepMs:0.00}x faster than recompute");
    }

    /// <summary>Megvii's nano ONNX in ONNX Runtime and the same weights in TorchSharp: same input, same threads.</summary>
    private static IEnumerable<ModelBenchRow> OnnxRuntimeComparison(ModelBenchSettings s, double floorRate)
    {
        if (!File.Exists(s.OnnxPath))
        {
            yield return new ModelBenchRow("ONNX Runtime nano 416", null, double.NaN, null, null, $"skipped: {s.OnnxPath} not found (--onnx)");
            yield break;
        }
        var data = new float[3 * 416 * 416];
        var random = new Random(7);
        for (int i = 0; i < data.Length; i++) data[i] = random.Next(256);

        using var options = new SessionOptions { IntraOpNumThreads = s.Threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(s.OnnxPath, options);
        var inputTensor = new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>(data, [1, 3, 416, 416]);
        var inputs = new[] { NamedOnnxValue.CreateFromTensor("images", inputTensor) };
        float[] ortOutput = [];
        double ortMs = MedianManaged(s.Repetitions, () =>
        {
            using var results = session.Run(inputs);
            ortOutput = results.First().AsEnumerable<float>().ToArray();
        });

        using var model = new OccluNetModel(new OccluNetConfig(YoloxScale.Nano, 80, TemporalConfig.SpatialOnly));
        MegviiOnnxImporter.Load(model, s.OnnxPath);
        model.eval();
        model.to(s.Device);
        using var scope = NewDisposeScope();
        var input = tensor(data, [1, 1, 3, 416, 416]).to(s.Device);
        double gflop = Gflop(model, () => model.call(input));
        double torchMs = Median(s, () => model.call(input).Flatten(sigmoid: true));
        float diff;
        using (inference_mode())
        {
            var ours = model.call(input).Flatten(sigmoid: true).cpu();
            diff = (ours - tensor(ortOutput, ours.shape)).abs().max().item<float>();
        }
        yield return Row("ONNX Runtime 1.31.1, nano 416 (Megvii ONNX)", gflop, ortMs, floorRate, "ORT_ENABLE_ALL, same input and threads");
        yield return Row("TorchSharp, nano 416 (same weights)", gflop, torchMs, floorRate,
            $"{torchMs / ortMs:0.00}x ORT's time; max |diff| vs ORT {diff:E1}");
    }

    private static OccluNetModel Build(OccluNetConfig config, Device device)
    {
        var model = new OccluNetModel(config);
        model.eval();
        model.to(device);
        return model;
    }

    private static double Gflop(nn.Module model, Action forward)
    {
        using var _ = inference_mode();
        using var scope = NewDisposeScope();
        return 2.0 * FlopCounter.CountMacs(model, forward) / 1e9;
    }

    private static ModelBenchRow Row(string name, double? gflop, double ms, double floorRate, string note)
    {
        double? rate = gflop is { } g ? g / (ms / 1000) : null;
        return new ModelBenchRow(name, gflop, ms, rate, rate / floorRate, note);
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
        return MedianOf(times);
    }

    private static double MedianManaged(int repetitions, Action run)
    {
        var times = new List<double>();
        for (int i = 0; i < Warmup + repetitions; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            if (i >= Warmup) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return MedianOf(times);
    }

    private static double MedianOf(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static string TorchRuntimeDescription(Device device) => $"{device.type.ToString().ToLowerInvariant()}, libtorch {torch.__version__}";

    private static void Print(IReadOnlyList<ModelBenchRow> rows, TextWriter output)
    {
        static string F(double? v, string format) => v is { } x && !double.IsNaN(x) ? x.ToString(format, CultureInfo.InvariantCulture) : "n/a";
        output.WriteLine("| case | GFLOP/frame | ms/frame | GFLOP/s | ratio to floor | note |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
            output.WriteLine($"| {r.Case} | {F(r.GflopPerFrame, "0.00")} | {F(r.Ms, "0.0")} | {F(r.GflopPerSecond, "0.0")} | {F(r.RatioToFloor, "0.00")} | {r.Note} |");
    }
}
