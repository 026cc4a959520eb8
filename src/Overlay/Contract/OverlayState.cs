using System.Collections.Concurrent;

namespace OccluNet.Live.Overlay.Contract;

/// <summary>
/// The hand-off between the pipeline (any thread) and the render loop (its own thread): each Publish replaces the
/// latest value with one volatile write and bumps a version; nothing waits. The render loop reads a
/// <see cref="OverlaySnapshot"/> at its own rate and skips work when the version has not moved.
/// The views of ended runs are queued instead (<see cref="PublishRunEnd"/>): each is drawn once for its snapshot, even
/// when the next run has already replaced the latest values.
/// </summary>
public sealed class OverlayState
{
    readonly ConcurrentQueue<OverlaySnapshot> runEnds = new();
    OverlayFrame? frame;
    OverlayResult? result;
    OverlayFinding? finding;
    OverlayStatus status = OverlayStatus.Initial;
    long version;

    public void PublishFrame(OverlayFrame value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Volatile.Write(ref frame, value);
        Interlocked.Increment(ref version);
    }

    /// <summary>Publishes the newest result; null clears it (e.g. at a run boundary).</summary>
    public void PublishResult(OverlayResult? value)
    {
        Volatile.Write(ref result, value);
        Interlocked.Increment(ref version);
    }

    /// <summary>Publishes the run's finding; null clears it (the next run started).</summary>
    public void PublishFinding(OverlayFinding? value)
    {
        Volatile.Write(ref finding, value);
        Interlocked.Increment(ref version);
    }

    public void PublishStatus(OverlayStatus value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Volatile.Write(ref status, value);
        Interlocked.Increment(ref version);
    }

    /// <summary>Queues the view of a run at its end (its last frame, newest result and final finding) for its snapshot.</summary>
    public void PublishRunEnd(OverlaySnapshot view)
    {
        ArgumentNullException.ThrowIfNull(view);
        runEnds.Enqueue(view);
        Interlocked.Increment(ref version);
    }

    /// <summary>The oldest queued run-end view not yet taken.</summary>
    public bool TryTakeRunEnd(out OverlaySnapshot view)
    {
        bool taken = runEnds.TryDequeue(out var next);
        view = next!;
        return taken;
    }

    public long Version => Interlocked.Read(ref version);

    /// <summary>The latest of each; they may come from different publishes (each is whole).</summary>
    public OverlaySnapshot Read()
    {
        long v = Interlocked.Read(ref version);
        return new OverlaySnapshot(Volatile.Read(ref frame), Volatile.Read(ref result), Volatile.Read(ref status), v, Volatile.Read(ref finding));
    }
}

/// <summary>What one rendered view is made of; <see cref="Reveal"/> only in a drill's reveal.</summary>
public sealed record OverlaySnapshot(OverlayFrame? Frame, OverlayResult? Result, OverlayStatus Status, long Version, OverlayFinding? Finding = null,
    OverlayReveal? Reveal = null);
