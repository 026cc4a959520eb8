using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using OccluNet.Live.Domain;
using OccluNet.Live.Model;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Model.Runtime;
using OccluNet.Live.Model.Yolox;
using TorchSharp;

namespace OccluNet.Live.Benchmarks.Model;

/// <summary>One engine on one streaming-step case at one thread count.</summary>
public sealed record EngineBenchRow(string Case, int Threads, string Engine, double MedianMs, double P99Ms, double? RatioToBareOrt);

/// <summary>
/// The streaming step (encode the new frame, temporal module + head over the cached window, detections) of four
/// models, each run by four engines with the same input and threads: TorchSharp as trained (the path before the lean
/// form), TorchSharp lean (BN folded, last temporal layer on the output frame), the ONNX engine, and bare ONNX Runtime on
/// the same two graphs (encoder and head sessions run back to back, no cache and no post-processing of ours).
/// </summary>
internal static class EngineBenchmark
{
    private const int Warmup = 2;

    private sealed record Case(string Name, Func<(OccluNetModel Model, CheckpointMetadata Metadata)> Load);

    public static IReadOnlyList<EngineBenchRow> Run(IReadOnlyList<int> threadCounts, int repetitions, string shippedModel, TextWriter output)
    {
        var cases = new List<Case>();
        if (File.Exists(shippedModel)) cases.Add(new Case($"shipped {Path.GetFileName(shippedModel)}", () => Checkpoint.LoadModel(shippedModel)));
        else output.WriteLine($"(shipped model {shippedModel} not found: its row is skipped)");
        cases.Add(Random("OccluNet1 nano-416", YoloxScale.Nano, 416));
        cases.Add(Random("OccluNet1 S-512", YoloxScale.S, 512));
        cases.Add(Random("OccluNet1 S-640", YoloxScale.S, 640));

        var rows = new List<EngineBenchRow>();
        foreach (int threads in threadCounts)
            foreach (var c in cases)
            {
                TorchRuntime.UseThreads(threads);
                var (asTrained, metadata) = c.Load();
                string name = $"{c.Name} ({metadata.Architecture}-{metadata.Scale.Name}-{metadata.InputSize}, {metadata.Temporal.Window.Mode.ToString().ToLowerInvariant()})";
                output.WriteLine($"  {name}, {threads} thread(s)...");
                var graphs = OccluNetOnnxExporter.Export(asTrained, metadata, "bench");
                var (lean, _) = c.Load();
                lean.PrepareForInference();
                var info = new DetectorInfo("bench", "", "cpu", metadata.InputSize, metadata.Temporal.WindowLength, metadata.Temporal.Mode, new ClassSet(metadata.Classes));
                var frame = Frame(metadata.InputSize);
                int lookAhead = metadata.Temporal.Window.LookAhead;

                var bare = BareOrt(graphs, metadata, threads, frame, repetitions);
                var measured = new List<(string Engine, (double Median, double P99) Time)>();
                using (var d = new StreamingOcclusionDetector(asTrained, info, torch.CPU)) measured.Add(("TorchSharp as trained", Steps(d, frame, lookAhead, repetitions)));
                using (var d = new StreamingOcclusionDetector(lean, info, torch.CPU)) measured.Add(("TorchSharp lean", Steps(d, frame, lookAhead, repetitions)));
                using (var options = OnnxSessions.Options(threads, cuda: false))
                using (var d = new OnnxOcclusionDetector(graphs, metadata.Temporal, metadata.Classes.Count, info, options))
                    measured.Add(("ONNX engine", Steps(d, frame, lookAhead, repetitions)));
                measured.Add(("bare ONNX Runtime", bare));
                rows.AddRange(measured.Select(m => new EngineBenchRow(name, threads, m.Engine, m.Time.Median, m.Time.P99, m.Time.Median / bare.Median)));
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

    private static float[] Frame(int size)
    {
        var random = new Random(11);
        return Enumerable.Range(0, size * size).Select(_ => (float)random.NextDouble()).ToArray();
    }

    /// <summary>Median and p99 of the streaming step through a detector (frames keep coming, the cache stays full).</summary>
    private static (double Median, double P99) Steps(IOcclusionDetector detector, float[] frame, int lookAhead, int repetitions)
    {
        int index = 0;
        for (; index <= lookAhead + 2; index++) detector.Encode(index, frame);
        return Time(repetitions, () =>
        {
            detector.Encode(index, frame);
            detector.Detect(index - lookAhead);
            index++;
        });
    }

    /// <summary>The two sessions alone: encoder into one of T rotating output sets, head over the T sets; same options as the engine.</summary>
    private static (double Median, double P99) BareOrt(OccluNetOnnxGraphs graphs, CheckpointMetadata metadata, int threads, float[] frame, int repetitions)
    {
        using var options = OnnxSessions.Options(threads, cuda: false);
        using var encoder = new InferenceSession(graphs.Encoder, options);
        using var head = new InferenceSession(graphs.WindowHead, options);
        int t = metadata.Temporal.WindowLength, size = metadata.InputSize;
        var shapes = OccluNetOnnxExporter.LevelNames.Select(n => encoder.OutputMetadata[n].Dimensions.Select(d => (long)d).ToArray()).ToArray();
        var sets = Enumerable.Range(0, t).Select(_ => shapes.Select(s => OrtValue.CreateTensorValueFromMemory(new float[s.Aggregate(1L, (a, d) => a * d)], s)).ToArray()).ToArray();
        using var input = OrtValue.CreateTensorValueFromMemory((float[])frame.Clone(), [1, 1, size, size]);
        long priors = OccluNetOnnxExporter.LevelSizes(size).Sum(s => s.H * s.W);
        using var boxes = OrtValue.CreateTensorValueFromMemory(new float[priors * 4], [1, priors, 4]);
        using var scores = OrtValue.CreateTensorValueFromMemory(new float[priors * metadata.Classes.Count], [1, priors, metadata.Classes.Count]);
        var headNames = Enumerable.Range(0, shapes.Length).SelectMany(l => Enumerable.Range(0, t).Select(k => OccluNetOnnxExporter.WindowInput(l, k))).ToArray();
        using var run = new RunOptions();
        int step = 0;
        try
        {
            return Time(repetitions, () =>
            {
                encoder.Run(run, [OccluNetOnnxExporter.FrameInput], [input], OccluNetOnnxExporter.LevelNames, sets[step % t]);
                var window = Enumerable.Range(0, shapes.Length).SelectMany(l => Enumerable.Range(0, t).Select(k => sets[(step + 1 + k) % t][l])).ToArray();
                head.Run(run, headNames, window, [OccluNetOnnxExporter.BoxesOutput, OccluNetOnnxExporter.ScoresOutput], [boxes, scores]);
                step++;
            });
        }
        finally
        {
            foreach (var v in sets.SelectMany(s => s)) v.Dispose();
        }
    }

    private static (double Median, double P99) Time(int repetitions, Action step)
    {
        var times = new List<double>();
        for (int i = 0; i < Warmup + repetitions; i++)
        {
            var watch = Stopwatch.StartNew();
            step();
            if (i >= Warmup) times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        double median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
        return (median, times[Math.Max(0, (int)Math.Ceiling(0.99 * times.Count) - 1)]);
    }

    private static void Print(IReadOnlyList<EngineBenchRow> rows, TextWriter output)
    {
        output.WriteLine("| streaming step | threads | engine | median ms | p99 ms | x bare ORT |");
        output.WriteLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"| {r.Case} | {r.Threads} | {r.Engine} | {r.MedianMs:0.0} | {r.P99Ms:0.0} | {r.RatioToBareOrt:0.00} |"));
    }
}
