using Microsoft.ML.OnnxRuntime;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Onnx;

namespace OccluNet.Live.Benchmarks.Model;

/// <summary>The two sessions alone: encoder into one of T rotating output sets, head over the T sets; the engine's session options.</summary>
internal sealed class BareOrtSteps : IDisposable
{
    private readonly InferenceSession encoder, head;
    private readonly OrtValue[][] sets, windows;
    private static readonly string[] FrameNames = [OccluNetOnnxExporter.FrameInput];
    private static readonly string[] OutputNames = [OccluNetOnnxExporter.BoxesOutput, OccluNetOnnxExporter.ScoresOutput];
    private readonly OrtValue[] inputs, outputs; // the frame; boxes and scores
    private readonly string[] levelNames, headNames;
    private readonly RunOptions run = new();
    private readonly int windowLength;
    private int step;

    public BareOrtSteps(OccluNetOnnxGraphs graphs, CheckpointMetadata metadata, SessionOptions options, float[] frame)
    {
        encoder = new InferenceSession(graphs.Encoder, options);
        head = new InferenceSession(graphs.WindowHead, options);
        windowLength = metadata.Temporal.WindowLength;
        int size = metadata.InputSize;
        bool mirrored = OccluNetOnnxExporter.IsMirrorAveraged(encoder.OutputMetadata.Keys);
        levelNames = OccluNetOnnxExporter.EncoderOutputs(mirrored);
        var shapes = levelNames.Select(n => encoder.OutputMetadata[n].Dimensions.Select(d => (long)d).ToArray()).ToArray();
        sets = Enumerable.Range(0, windowLength).Select(_ => shapes.Select(s => OrtValue.CreateTensorValueFromMemory(new float[s.Aggregate(1L, (a, d) => a * d)], s)).ToArray()).ToArray();
        // The head's inputs after the encoder wrote set s: level by level, the sets from s + 1 on (oldest first).
        windows = Enumerable.Range(0, windowLength).Select(s => Enumerable.Range(0, shapes.Length)
            .SelectMany(l => Enumerable.Range(0, windowLength).Select(k => sets[(s + 1 + k) % windowLength][l])).ToArray()).ToArray();
        inputs = [OrtValue.CreateTensorValueFromMemory((float[])frame.Clone(), [1, 1, size, size])];
        long priors = OccluNetOnnxExporter.LevelSizes(size).Sum(s => s.H * s.W);
        outputs = [OrtValue.CreateTensorValueFromMemory(new float[priors * 4], [1, priors, 4]),
            OrtValue.CreateTensorValueFromMemory(new float[priors * metadata.Classes.Count], [1, priors, metadata.Classes.Count])];
        headNames = OccluNetOnnxExporter.WindowInputs(mirrored, windowLength);
    }

    public void Step()
    {
        int written = step++ % windowLength;
        encoder.Run(run, FrameNames, inputs, levelNames, sets[written]);
        head.Run(run, headNames, windows[written], OutputNames, outputs);
    }

    public void Dispose()
    {
        foreach (var v in sets.SelectMany(s => s).Concat(inputs).Concat(outputs)) v.Dispose();
        run.Dispose();
        head.Dispose();
        encoder.Dispose();
    }
}
