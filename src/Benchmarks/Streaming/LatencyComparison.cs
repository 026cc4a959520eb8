using System.Text.Json;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>
/// `occlunet bench latency --compare`: two models over the same runs in one process, one after the other, e.g. the
/// causal OccluNet1 beside the centred one. The row that tells them apart is <c>evidence</c> (arrival of the frame a
/// result is about -> its hand-off): a centred window waits one frame interval for the next frame, a causal one does not.
/// </summary>
public sealed record LatencyComparison(LatencyReport First, LatencyReport Second)
{
    public void Print(TextWriter output)
    {
        output.WriteLine($"== side by side: {First.Model} | {Second.Model} (same runs, speed {First.Speed}) ==");
        output.WriteLine($"{"stage",-18} {"p50 ms",9} {"p99 ms",9} | {"p50 ms",9} {"p99 ms",9}");
        foreach (LatencyStats a in First.Stages)
            if (Second.Stages.FirstOrDefault(s => s.Stage == a.Stage) is { } b)
                output.WriteLine($"{a.Stage,-18} {a.P50,9:0.0} {a.P99,9:0.0} | {b.P50,9:0.0} {b.P99,9:0.0}");
        output.WriteLine($"{"baseline",-18} {First.Baseline.P50,9:0.0} {First.Baseline.P99,9:0.0} | {Second.Baseline.P50,9:0.0} {Second.Baseline.P99,9:0.0}");
    }

    public void WriteJson(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, LatencyBenchmark.Json));
}
