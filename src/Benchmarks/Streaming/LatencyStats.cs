using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>One row of the latency table (milliseconds).</summary>
public sealed record LatencyStats(string Stage, int Count, double P50, double P95, double P99, double Max)
{
    public static LatencyStats Of(string stage, IReadOnlyCollection<double> samples) => samples.Count == 0
        ? new(stage, 0, double.NaN, double.NaN, double.NaN, double.NaN)
        : new(stage, samples.Count, Percentile.Of(samples, 50), Percentile.Of(samples, 95), Percentile.Of(samples, 99), samples.Max());

    public string Row() => $"{Stage,-18} {Count,6} {P50,9:0.00} {P95,9:0.00} {P99,9:0.00} {Max,9:0.00}";

    public static string Header => $"{"stage",-18} {"n",6} {"p50 ms",9} {"p95 ms",9} {"p99 ms",9} {"max ms",9}";
}
