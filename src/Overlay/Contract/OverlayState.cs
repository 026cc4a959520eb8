namespace OccluNet.Live.Overlay.Contract;

/// <summary>
/// The hand-off between the pipeline (any thread) and the render loop (its own thread): each Publish replaces the
/// latest value with one volatile write and bumps a version; nothing waits. The render loop reads a
/// <see cref="OverlaySnapshot"/> at its own rate and skips work when the version has not moved.
/// </summary>
public sealed class OverlayState
{
    OverlayFrame? frame;
    OverlayResult? result;
    OverlayStatus status = OverlayStatus.Initial;
    long version;

    public void PublishFrame(OverlayFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Volatile.Write(ref frame, value);
        Interlocked.Increment(ref version);
    }

    /// <summary>Publishes a result; null clears the AI panel (e.g. at a run boundary).</summary>
    public void PublishResult(OverlayResult? value)
    {
        Volatile.Write(ref result, value);
        Interlocked.Increment(ref version);
    }

    public void PublishStatus(OverlayStatus value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Volatile.Write(ref status, value);
        Interlocked.Increment(ref version);
    }

    public long Version => Interlocked.Read(ref version);

    /// <summary>The latest of each; the three may come from different publishes (each is whole).</summary>
    public OverlaySnapshot Read()
    {
        long v = Interlocked.Read(ref version);
        return new OverlaySnapshot(Volatile.Read(ref frame), Volatile.Read(ref result), Volatile.Read(ref status), v);
    }
}

/// <summary>What one rendered view is made of.</summary>
public sealed record OverlaySnapshot(OverlayFrame? Frame, OverlayResult? Result, OverlayStatus Status, long Version);
