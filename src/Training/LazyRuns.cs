using System.Collections;

namespace OccluNet.Live.Training;

/// <summary>
/// Runs whose number is known before any is read (ground-truth files counted, phantom seeds listed) and whose frames are
/// read one run at a time as they are enumerated: a progress display gets its total without holding every run in memory.
/// </summary>
public sealed class LazyRuns(int count, IEnumerable<RawRun> runs) : IReadOnlyCollection<RawRun>
{
    public int Count { get; } = count;

    public IEnumerator<RawRun> GetEnumerator() => runs.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
