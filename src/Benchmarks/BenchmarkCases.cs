using OccluNet.Live.Domain;

namespace OccluNet.Live.Benchmarks;

/// <summary>A benchmark's fixed list of cases as progress: "case i of n" when each starts, n of n when all are done.</summary>
internal sealed class BenchmarkCases(IProgress<WorkProgress>? progress, int total)
{
    int started;

    /// <summary>Case <paramref name="name"/> starts (the cases before it are done).</summary>
    public void Start(string name) => progress?.Report(new WorkProgress(started++, total, name));

    public void Finish() => progress?.Report(new WorkProgress(total, total));
}
