using OccluNet.Live.Domain;
using OccluNet.Live.Model.Yolox;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Inference;

/// <summary>
/// The live detector in TorchSharp: <see cref="Encode"/> runs backbone and neck once per frame and keeps the pyramid
/// levels, detached, in a <see cref="FrameRing{T}"/> of one window; <see cref="Detect"/> runs the temporal module and
/// head over the cached window. Everything else lives inside one dispose scope per call. One owner thread; no awaits inside.
/// With <see cref="DetectionSettings.MirrorAveraged"/> each frame's mirror image is encoded too, its levels kept after
/// the frame's in the same cache entry, and the two windows' head outputs are averaged (<see cref="MirrorAverage"/>).
/// </summary>
public sealed class StreamingOcclusionDetector : IOcclusionDetector, IRawScoreSource
{
    private readonly OccluNetModel model;
    private readonly Device device;
    private readonly DetectionSettings settings;
    private readonly FrameRing<Tensor[]> ring;
    private readonly Tensor inputPlane;
    private bool disposed;

    /// <param name="model">Owned from now on: switched to eval, disposed with the detector.</param>
    public StreamingOcclusionDetector(OccluNetModel model, DetectorInfo info, Device device, DetectionSettings? settings = null)
    {
        this.model = model;
        this.device = device;
        this.settings = settings ?? DetectionSettings.Default;
        Info = info;
        model.eval();
        ring = new FrameRing<Tensor[]>(model.Config.Temporal.Window);
        // One preallocated CPU plane; each frame is span-copied into it (no per-frame managed array or clone).
        inputPlane = zeros(1, 1, info.InputSize, info.InputSize);
    }

    public DetectorInfo Info { get; internal set; }
    public int CachedFrames => ring.Count;

    public void Encode(int frameIndex, ReadOnlySpan<float> input)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        int size = Info.InputSize;
        if (input.Length != size * size)
            throw new ArgumentException($"frame {frameIndex}: input has {input.Length} values, the model takes {size} x {size} = {size * size}.");
        ring.CheckNext(frameIndex);

        Tensor[] levels;
        using (inference_mode())
        using (NewDisposeScope())
        {
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(input).CopyTo(inputPlane.bytes);
            var plane = inputPlane.to(device);
            levels = model.Encode(plane.expand(1, 3, size, size));
            if (settings.MirrorAveraged) levels = [.. levels, .. model.Encode(plane.flip(3).expand(1, 3, size, size))];
            foreach (var level in levels) level.DetachFromDisposeScope();
        }
        if (ring.Add(frameIndex, levels, out var evicted)) Free(evicted);
    }

    public FrameDetections Detect(int frameIndex)
    {
        using (inference_mode())
        using (NewDisposeScope())
        {
            var output = Head(frameIndex);
            return new FrameDetections(frameIndex, PostProcessor.Detect(output, settings)[0]);
        }
    }

    /// <summary>Raw head output (1, N, 5 + C) with sigmoid scores for the window of a frame, as a detached CPU tensor the caller disposes.</summary>
    public Tensor DetectRaw(int frameIndex)
    {
        using (inference_mode())
        using (NewDisposeScope())
        {
            return Head(frameIndex).Flatten(sigmoid: true).cpu().DetachFromDisposeScope();
        }
    }

    public RawScores DetectRawScores(int frameIndex)
    {
        using (inference_mode())
        using (NewDisposeScope())
        {
            var (boxes, scores) = PostProcessor.BoxesAndScores(Head(frameIndex));
            return new RawScores(boxes.cpu().data<float>().ToArray(), scores.cpu().contiguous().data<float>().ToArray(), (int)scores.shape[2]);
        }
    }

    public void Reset()
    {
        foreach (var levels in ring.Clear()) Free(levels);
    }

    public void Dispose()
    {
        if (disposed) return;
        Reset();
        inputPlane.Dispose();
        model.Dispose();
        disposed = true;
    }

    /// <summary>Temporal module and head on the window of a frame (averaged with its mirror's when asked); tensors in the caller's scope.</summary>
    private HeadOutput Head(int frameIndex)
    {
        var window = Window(frameIndex);
        if (!settings.MirrorAveraged) return model.DetectWindow(window);
        int levels = window.Length / 2;
        return MirrorAverage.Of(model.DetectWindow(window[..levels]), model.DetectWindow(window[levels..]));
    }

    /// <summary>Each level stacked over the window, (1, T, C, h, w); tensors belong to the caller's scope.</summary>
    private Tensor[] Window(int frameIndex)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var members = ring.Window(frameIndex);
        return Enumerable.Range(0, members[0].Length)
            .Select(l => stack(members.Select(m => m[l]), 1))
            .ToArray();
    }

    private static void Free(Tensor[] levels)
    {
        foreach (var level in levels) level.Dispose();
    }
}
