using System.Diagnostics;
using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Phantom;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Imaging;
using OccluNet.Live.Phantom.Randomness;

namespace OccluNet.Live.Benchmarks.Phantom;

/// <summary>One row of the phantom benchmark: a workload, its median wall time and its ratio to the baseline.</summary>
public sealed record PhantomBenchmarkRow(string Workload, int Size, int Frames, int Threads, int Repeats, double MedianMs, double? TargetMs, double RatioToBaseline);

/// <summary>
/// Phantom speed (issue 4: 256×256×20 under 0.2 s on one core; 1024×1024×20 in a few seconds). The baseline, measured in
/// the same run, is the least a frame costs on this machine: drawing 20 frames of table noise at 256×256 and mapping them
/// to stored values, so ratios stay comparable on a busy or a different machine.
/// </summary>
public static class PhantomBenchmark
{
    public static IReadOnlyList<PhantomBenchmarkRow> Run(int repeats, bool includeLarge, CancellationToken cancellationToken, IProgress<WorkProgress>? progress = null)
    {
        var cases = new BenchmarkCases(progress, includeLarge ? 6 : 4);
        cases.Start("baseline: noise + display map");
        double baseline = Median(repeats * 3, () => Baseline(256, 20));
        var rows = new List<PhantomBenchmarkRow> { new("baseline: noise + display map", 256, 20, 1, repeats * 3, baseline, null, 1) };
        PhantomBenchmarkRow Next(string name, int size, int threads, int runs, double? target)
        {
            cases.Start($"{name} {size}");
            return Measure(name, size, 20, threads, runs, target, baseline, cancellationToken);
        }
        rows.Add(Next("M1 run, 1 thread", 256, 1, repeats, 200));
        rows.Add(Next("M1 run, 2 threads", 256, 2, repeats, 200));
        rows.Add(Next("M1 run, 1 thread", 512, 1, Math.Max(1, repeats / 2), null));
        if (includeLarge)
        {
            rows.Add(Next("M1 run, 1 thread", 1024, 1, Math.Max(1, repeats / 4), 5000));
            rows.Add(Next("M1 run, 2 threads", 1024, 2, Math.Max(1, repeats / 4), 5000));
        }
        cases.Finish();
        return rows;
    }

    public static string Table(IReadOnlyList<PhantomBenchmarkRow> rows)
    {
        var lines = new List<string> { $"{"workload",-32} {"size",5} {"frames",6} {"thr",3} {"reps",4} {"median ms",10} {"target ms",9} {"x baseline",10}" };
        foreach (var r in rows)
            lines.Add($"{r.Workload,-32} {r.Size,5} {r.Frames,6} {r.Threads,3} {r.Repeats,4} {r.MedianMs,10:0.0} {(r.TargetMs is { } target ? target.ToString("0") : "-"),9} {r.RatioToBaseline,10:0.0}");
        return string.Join(Environment.NewLine, lines);
    }

    public static void WriteJson(string path, IReadOnlyList<PhantomBenchmarkRow> rows) =>
        File.WriteAllText(path, JsonSerializer.Serialize(new { benchmark = "phantom", machine = Environment.ProcessorCount + " cores", rows }, DomainJson.Options) + "\n");

    static PhantomBenchmarkRow Measure(string name, int size, int frames, int threads, int repeats, double? target, double baseline, CancellationToken ct)
    {
        var options = new PhantomOptions { Size = size, Frames = frames, Fps = 2, Class = OcclusionClass.M1 };
        ulong seed = 1;
        PhantomGenerator.Generate(seed, options with { Size = Math.Min(size, 128) }, threads, ct); // JIT warm-up
        double median = Median(repeats, () => PhantomGenerator.Generate(seed++, options, threads, ct));
        return new PhantomBenchmarkRow(name, size, frames, threads, repeats, median, target, median / baseline);
    }

    static void Baseline(int size, int frames)
    {
        var image = new ImageParameters(0.012, 1.5, 3e4, 0.6, 2, 0.2, 10, 0.7, 0.12, 0.8);
        var display = new DisplayMapping(image);
        var noise = new float[size * size];
        var output = new ushort[size * size];
        for (int f = 0; f < frames; f++)
        {
            var rng = Xoshiro256.For(1, PhantomStream.Noise, 0, f);
            NoiseTable.Fill(noise, ref rng);
            for (int i = 0; i < noise.Length; i++) output[i] = display.Map(0.02f * noise[i]);
        }
    }

    static double Median(int repeats, Action action)
    {
        var times = new double[Math.Max(1, repeats)];
        for (int i = 0; i < times.Length; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }
}
