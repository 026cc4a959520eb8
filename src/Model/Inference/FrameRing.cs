namespace OccluNet.Live.Model.Inference;

/// <summary>
/// The per-frame cache of a streaming detector, whatever an engine keeps per frame (tensors, ONNX Runtime buffers):
/// frames in increasing index order, at most one window of them, and the window of a frame by
/// <see cref="TemporalWindow"/>. Every engine's detector keeps its cache here, so they order and refuse alike.
/// </summary>
internal sealed class FrameRing<T>
{
    private readonly List<(int FrameIndex, int Position, T Payload)> frames = [];
    private readonly TemporalWindow window;
    private int encodedCount;

    public FrameRing(TemporalWindow window)
    {
        this.window = window;
    }

    public int Count => frames.Count;

    /// <summary>Refuses a frame that does not come after the last one (before the caller computes anything for it).</summary>
    public void CheckNext(int frameIndex)
    {
        if (frames.Count > 0 && frameIndex <= frames[^1].FrameIndex)
            throw new ArgumentException($"frame {frameIndex} arrives after frame {frames[^1].FrameIndex}; frames must be encoded in increasing order (Reset starts a new series).");
    }

    /// <summary>Adds a frame; returns the payload that left the cache (the caller frees or reuses it), if any.</summary>
    public bool Add(int frameIndex, T payload, out T evicted)
    {
        CheckNext(frameIndex);
        frames.Add((frameIndex, encodedCount++, payload));
        evicted = default!;
        if (frames.Count <= window.Length) return false;
        evicted = frames[0].Payload;
        frames.RemoveAt(0);
        return true;
    }

    /// <summary>The payloads of the window whose output frame is <paramref name="frameIndex"/>, oldest first (edges repeat).</summary>
    public T[] Window(int frameIndex)
    {
        int at = frames.FindIndex(f => f.FrameIndex == frameIndex);
        if (at < 0)
            throw new InvalidOperationException($"frame {frameIndex} is not in the cache (cached: {string.Join(", ", frames.Select(f => f.FrameIndex))}).");
        var positions = window.Positions(frames[at].Position, encodedCount);
        int oldest = frames[0].Position;
        if (positions.Min() < oldest)
            throw new InvalidOperationException($"the window of frame {frameIndex} needs a frame that has left the cache; call Detect before encoding further frames.");
        return positions.Select(p => frames[p - oldest].Payload).ToArray();
    }

    /// <summary>Empties the cache and returns what it held.</summary>
    public T[] Clear()
    {
        var held = frames.Select(f => f.Payload).ToArray();
        frames.Clear();
        encodedCount = 0;
        return held;
    }
}
