namespace OccluNet.Live.Training;

/// <summary>
/// A bounded, least-recently-used cache of runs' prepared model inputs (decoded and letterboxed frames), so training on a
/// data set larger than memory reads each run from disk only when its frames were evicted. The unit is a whole run:
/// decoding a multi-frame DICOM file or a sequence's folder once serves all its windows.
/// </summary>
public sealed class FrameCache(long capacityBytes)
{
    readonly Dictionary<string, LinkedListNode<(string Key, float[][] Inputs)>> entries = new(StringComparer.Ordinal);
    readonly LinkedList<(string Key, float[][] Inputs)> recency = new();
    readonly Lock gate = new();

    public long CapacityBytes { get; } = capacityBytes > 0 ? capacityBytes : throw new ArgumentException($"cache capacity must be positive, not {capacityBytes} bytes.");
    public long Bytes { get; private set; }
    public long Loads { get; private set; }
    public long Evictions { get; private set; }

    /// <summary>The inputs of run <paramref name="key"/>, loaded with <paramref name="load"/> when not held.</summary>
    public float[][] Get(string key, Func<float[][]> load)
    {
        lock (gate)
        {
            if (entries.TryGetValue(key, out var node))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                return node.Value.Inputs;
            }
        }
        var inputs = load();
        long size = inputs.Sum(i => (long)i.Length * sizeof(float));
        lock (gate)
        {
            Loads++;
            if (!entries.ContainsKey(key))
            {
                entries[key] = recency.AddFirst((key, inputs));
                Bytes += size;
            }
            // The newest stays even when alone above the bound: the caller is about to use it.
            while (Bytes > CapacityBytes && recency.Count > 1)
            {
                var last = recency.Last!.Value;
                recency.RemoveLast();
                entries.Remove(last.Key);
                Bytes -= last.Inputs.Sum(i => (long)i.Length * sizeof(float));
                Evictions++;
            }
        }
        return inputs;
    }
}
