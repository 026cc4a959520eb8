using Microsoft.ML.OnnxRuntime;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Onnx;

namespace OccluNet.Live.Model.Inference;

/// <summary>
/// The live detector in ONNX Runtime, on the two exported graphs: <see cref="Encode"/> runs the encoder once per frame
/// into preallocated buffers kept in a <see cref="FrameRing{T}"/>; <see cref="Detect"/> binds the cached buffers of the
/// window to the head graph and selects detections with the same <see cref="PostProcessor.Select"/> as TorchSharp.
/// Nothing is allocated per frame but the detections. One owner thread. Mirror averaging
/// (<see cref="DetectionSettings.MirrorAveraged"/>) lives in graphs exported for it: the encoder writes the mirror
/// image's levels too and the head averages (<see cref="OccluNetOnnxExporter.Export"/>); graphs exported otherwise than
/// the settings say are refused, since the threshold was chosen on one kind of score.
/// </summary>
public sealed class OnnxOcclusionDetector : IOcclusionDetector, IRawScoreSource
{
    private readonly InferenceSession encoder;
    private readonly InferenceSession head;
    private readonly RunOptions runOptions = new();
    private readonly DetectionSettings settings;
    private readonly FrameRing<FrameBuffers> ring;
    private readonly Stack<FrameBuffers> spare = new();
    private readonly long[][] levelShapes;
    private readonly float[] plane;
    private readonly OrtValue planeValue;
    private readonly float[] boxes;
    private readonly float[] scores;
    private readonly OrtValue[] headOutputs;
    private readonly string[] levelNames;
    private readonly string[] headInputNames;
    private readonly int classes;
    private readonly int windowLength;
    private bool disposed;

    /// <summary>One frame's encoder outputs (P3, P4, P5; then the mirror image's) in pinned managed buffers.</summary>
    private sealed class FrameBuffers(long[][] shapes) : IDisposable
    {
        public OrtValue[] Values { get; } = shapes.Select(s => OrtValue.CreateTensorValueFromMemory(new float[s.Aggregate(1L, (a, d) => a * d)], s)).ToArray();

        public void Dispose()
        {
            foreach (var v in Values) v.Dispose();
        }
    }

    /// <param name="options">Session options (<see cref="Runtime.OnnxSessions.Options"/>); used for both sessions, then disposed by the caller.</param>
    public OnnxOcclusionDetector(OccluNetOnnxGraphs graphs, TemporalConfig temporal, int classes, DetectorInfo info, SessionOptions options, DetectionSettings? settings = null)
    {
        Info = info;
        this.settings = settings ?? DetectionSettings.Default;
        this.classes = classes;
        windowLength = temporal.WindowLength;
        bool mirrored = this.settings.MirrorAveraged;
        encoder = Runtime.OnnxSessions.Open(graphs.Encoder, "encoder graph", options);
        try
        {
            head = Runtime.OnnxSessions.Open(graphs.WindowHead, "window head graph", options);
            if (OccluNetOnnxExporter.IsMirrorAveraged(encoder.OutputMetadata.Keys) != mirrored)
                throw new ArgumentException(mirrored
                    ? "the settings average each frame with its mirror image, and these graphs were exported without it; export them from the mirror-averaged checkpoint"
                    : "these graphs average each frame with its mirror image (exported from a mirror-averaged checkpoint), and the settings do not", nameof(settings));
        }
        catch
        {
            head?.Dispose();
            encoder.Dispose();
            throw;
        }
        ring = new FrameRing<FrameBuffers>(temporal.Window);
        levelNames = OccluNetOnnxExporter.EncoderOutputs(mirrored);
        levelShapes = levelNames.Select(n => encoder.OutputMetadata[n].Dimensions.Select(d => (long)d).ToArray()).ToArray();
        plane = new float[info.InputSize * info.InputSize];
        planeValue = OrtValue.CreateTensorValueFromMemory(plane, [1, 1, info.InputSize, info.InputSize]);
        long priors = OccluNetOnnxExporter.LevelSizes(info.InputSize).Sum(s => s.H * s.W);
        boxes = new float[priors * 4];
        scores = new float[priors * classes];
        headOutputs = [OrtValue.CreateTensorValueFromMemory(boxes, [1, priors, 4]), OrtValue.CreateTensorValueFromMemory(scores, [1, priors, classes])];
        headInputNames = OccluNetOnnxExporter.WindowInputs(mirrored, windowLength);
    }

    public DetectorInfo Info { get; internal set; }
    public int CachedFrames => ring.Count;

    public void Encode(int frameIndex, ReadOnlySpan<float> input)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (input.Length != plane.Length)
            throw new ArgumentException($"frame {frameIndex}: input has {input.Length} values, the model takes {Info.InputSize} x {Info.InputSize} = {plane.Length}.");
        ring.CheckNext(frameIndex);
        input.CopyTo(plane);
        var buffers = spare.Count > 0 ? spare.Pop() : new FrameBuffers(levelShapes);
        try
        {
            encoder.Run(runOptions, [OccluNetOnnxExporter.FrameInput], [planeValue], levelNames, buffers.Values);
        }
        catch
        {
            spare.Push(buffers);
            throw;
        }
        if (ring.Add(frameIndex, buffers, out var evicted)) spare.Push(evicted);
    }

    public FrameDetections Detect(int frameIndex)
    {
        RunHead(frameIndex);
        return new FrameDetections(frameIndex, PostProcessor.Select(boxes, scores, classes, settings));
    }

    public RawScores DetectRawScores(int frameIndex)
    {
        RunHead(frameIndex);
        return new RawScores((float[])boxes.Clone(), (float[])scores.Clone(), classes);
    }

    public void Reset()
    {
        foreach (var buffers in ring.Clear()) spare.Push(buffers);
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        Reset();
        foreach (var buffers in spare) buffers.Dispose();
        foreach (var v in headOutputs) v.Dispose();
        planeValue.Dispose();
        runOptions.Dispose();
        encoder.Dispose();
        head.Dispose();
    }

    private void RunHead(int frameIndex)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var members = ring.Window(frameIndex);
        var inputs = new OrtValue[headInputNames.Length];
        for (int l = 0, i = 0; l < levelShapes.Length; l++)
            for (int k = 0; k < windowLength; k++) inputs[i++] = members[k].Values[l];
        head.Run(runOptions, headInputNames, inputs, [OccluNetOnnxExporter.BoxesOutput, OccluNetOnnxExporter.ScoresOutput], headOutputs);
    }
}
