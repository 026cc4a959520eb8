using OccluNet.Live.Domain;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Inference;

/// <summary>
/// The live detector: <see cref="Encode"/> runs backbone and neck once per frame and keeps the pyramid levels,
/// detached, in a ring of one window; <see cref="Detect"/> runs the temporal module and head over the cached window.
/// Everything else lives inside one dispose scope per call. One owner thread; no awaits inside.
/// </summary>
public sealed class StreamingOcclusionDetector : IOcclusionDetector
{
    private readonly OccluNetModel model;
    private readonly Device device;
    private readonly DetectionSettings settings;
    private readonly List<CachedFrame> ring = [];
    private readonly Tensor inputPlane;
    private int encodedCount;
    private bool disposed;

    private sealed record CachedFrame(int FrameIndex, int Position, Tensor[] Levels);

    /// <param name="model">Owned from now on: switched to eval, disposed with the detector.</param>
    public StreamingOcclusionDetector(OccluNetModel model, DetectorInfo info, Device device, DetectionSettings? settings = null)
    {
        this.model = model;
        this.device = device;
        this.settings = settings ?? DetectionSettings.Default;
        Info = info;
        model.eval();
        // One preallocated CPU plane; each frame is span-copied into it (no per-frame managed array or clone).
        inputPlane = zeros(1, 1, info.InputSize, info.InputSize);
    }

    public DetectorInfo Info { get; }
    public int CachedFrames => ring.Count;
    private TemporalConfig Temporal => model.Config.Temporal;

    public void Encode(int frameIndex, ReadOnlySpan<float> input)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        int size = Info.InputSize;
        if (input.Length != size * size)
            throw new ArgumentException($"frame {frameIndex}: input has {input.Length} values, the model takes {size} x {size} = {size * size}.");
        if (ring.Count > 0 && frameIndex <= ring[^1].FrameIndex)
            throw new ArgumentException($"frame {frameIndex} arrives after frame {ring[^1].FrameIndex}; frames must be encoded in increasing order (Reset starts a new series).");

        Tensor[] levels;
        using (inference_mode())
        using (NewDisposeScope())
        {
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(input).CopyTo(inputPlane.bytes);
            var plane = inputPlane.to(device);
            levels = model.Encode(plane.expand(1, 3, size, size));
            foreach (var level in levels) level.DetachFromDisposeScope();
        }
        ring.Add(new CachedFrame(frameIndex, encodedCount++, levels));
        if (ring.Count > Temporal.WindowLength) Evict(ring[0]);
    }

    public FrameDetections Detect(int frameIndex)
    {
        using (inference_mode())
        using (NewDisposeScope())
        {
            var output = model.DetectWindow(Window(frameIndex));
            return new FrameDetections(frameIndex, PostProcessor.Detect(output, settings)[0]);
        }
    }

    /// <summary>Raw head output (1, N, 5 + C) with sigmoid scores for the window of a frame, as a detached CPU tensor the caller disposes.</summary>
    public Tensor DetectRaw(int frameIndex)
    {
        using (inference_mode())
        using (NewDisposeScope())
        {
            return model.DetectWindow(Window(frameIndex)).Flatten(sigmoid: true).cpu().DetachFromDisposeScope();
        }
    }

    public void Reset()
    {
        foreach (var frame in ring.ToArray()) Evict(frame);
        encodedCount = 0;
    }

    public void Dispose()
    {
        if (disposed) return;
        Reset();
        inputPlane.Dispose();
        model.Dispose();
        disposed = true;
    }

    /// <summary>Each level stacked over the window, (1, T, C, h, w); tensors belong to the caller's scope.</summary>
    private Tensor[] Window(int frameIndex)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var frame = ring.FirstOrDefault(f => f.FrameIndex == frameIndex)
            ?? throw new InvalidOperationException($"frame {frameIndex} is not in the cache (cached: {string.Join(", ", ring.Select(f => f.FrameIndex))}).");
        var positions = TemporalWindow.Positions(frame.Position, encodedCount, Temporal);
        int oldest = ring[0].Position;
        if (positions.Min() < oldest)
            throw new InvalidOperationException($"the window of frame {frameIndex} needs a frame that has left the cache; call Detect before encoding further frames.");
        var members = positions.Select(p => ring[p - oldest]).ToArray();
        return Enumerable.Range(0, members[0].Levels.Length)
            .Select(l => stack(members.Select(m => m.Levels[l]), 1))
            .ToArray();
    }

    private void Evict(CachedFrame frame)
    {
        foreach (var level in frame.Levels) level.Dispose();
        ring.Remove(frame);
    }
}
