using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Inference;

namespace OccluNet.Live.Model.Onnx;

/// <summary>The two ONNX graphs of one checkpoint, serialised: the per-frame encoder and the window head.</summary>
public sealed record OccluNetOnnxGraphs(byte[] Encoder, byte[] WindowHead);

/// <summary>
/// Writes an OccluNet as two ONNX graphs (opset 17, float32, batch 1), so the streaming cache works as in TorchSharp:
/// the encoder (frame -> P3, P4, P5) runs once per frame; the window head (each level of every frame of the window
/// -> boxes and scores of the output frame, before any threshold) runs once per window. BatchNorm is folded into the
/// convs and the temporal module's last layer computes the output frame only. Every block writes its own part
/// (<see cref="IOnnxExportable"/> and the Export methods beside each forward). A mirror-averaged export
/// (<see cref="DetectionSettings.MirrorAveraged"/>) encodes the frame and its mirror image (more outputs, the same
/// weights) and averages the two windows' head values before decoding (<see cref="MirrorAverage"/>).
/// </summary>
public static class OccluNetOnnxExporter
{
    public const string EncoderFile = "encoder.onnx";
    public const string WindowHeadFile = "window_head.onnx";
    public const string FrameInput = "frame";
    public const string BoxesOutput = "boxes";
    public const string ScoresOutput = "scores";
    public static readonly string[] LevelNames = ["p3", "p4", "p5"];

    /// <summary>metadata_props keys read back by <see cref="ExportedModel"/>: which graph, the checkpoint's metadata JSON, the weights' SHA-256.</summary>
    public const string GraphKey = "occlunet.graph", CheckpointKey = "occlunet.checkpoint", WeightsKey = "occlunet.weights_sha256";
    public const string EncoderGraph = "encoder", WindowHeadGraph = "window_head";

    /// <summary>The encoder's outputs: P3, P4, P5 of the frame, then, in a mirror-averaged export, of its mirror image.</summary>
    public static string[] EncoderOutputs(bool mirrorAveraged) =>
        mirrorAveraged ? [.. LevelNames, .. LevelNames.Select(l => $"{l}_mirror")] : LevelNames;

    /// <summary>Whether an encoder with these output names was exported mirror-averaged.</summary>
    public static bool IsMirrorAveraged(IEnumerable<string> encoderOutputs) => encoderOutputs.Contains(EncoderOutputs(true)[LevelNames.Length]);

    /// <summary>The head graph's inputs in binding order: each encoder output (<see cref="EncoderOutputs"/>) for every window frame, oldest first.</summary>
    public static string[] WindowInputs(bool mirrorAveraged, int windowLength) =>
        EncoderOutputs(mirrorAveraged).SelectMany(level => Enumerable.Range(0, windowLength).Select(t => $"{level}_t{t}")).ToArray();

    /// <summary>(h, w) of P3, P4, P5 for a square input: every stride-2 step (Focus, then four convs) rounds up.</summary>
    public static (long H, long W)[] LevelSizes(int inputSize)
    {
        long s = inputSize;
        var sizes = new List<(long, long)>();
        for (int step = 1; step <= 5; step++)
        {
            s = (s + 1) / 2;
            if (step >= 3) sizes.Add((s, s));
        }
        return sizes.ToArray();
    }

    /// <param name="mirrorAveraged">Build the graphs for <see cref="DetectionSettings.MirrorAveraged"/> (the detector refuses graphs built otherwise than its settings say).</param>
    public static OccluNetOnnxGraphs Export(OccluNetModel model, CheckpointMetadata metadata, string weightsSha256, bool mirrorAveraged = false)
    {
        model.eval();
        int size = metadata.InputSize, t = metadata.Temporal.WindowLength;
        long c = model.Config.NeckChannels;
        var sizes = LevelSizes(size);
        var levelOutputs = EncoderOutputs(mirrorAveraged);
        var windowInputs = WindowInputs(mirrorAveraged, t);

        var encoder = new OnnxGraphBuilder();
        var frame = encoder.Input(FrameInput, 1, 1, size, size);
        // The mirror image: the last axis read backwards (ends at INT64_MIN = through index 0).
        string[] planes = mirrorAveraged ? [frame, encoder.Slice(frame, 3, -1, long.MinValue, -1)] : [frame];
        for (int v = 0; v < planes.Length; v++)
        {
            var rgb = encoder.Op("Expand", [planes[v], encoder.Ints(1, 3, size, size)]);
            var levels = model.Neck.Export(encoder, model.Backbone.Export(encoder, rgb, "backbone"), "neck");
            for (int l = 0; l < levels.Length; l++) encoder.Output(levels[l], levelOutputs[v * levels.Length + l], 1, c, sizes[l].H, sizes[l].W);
        }

        var head = new OnnxGraphBuilder();
        string WindowHead(int v)
        {
            var fused = Enumerable.Range(0, sizes.Length).Select(l =>
            {
                var (h, w) = sizes[l];
                var frames = Enumerable.Range(0, t).Select(k => head.Input(windowInputs[(v * sizes.Length + l) * t + k], 1, c, h, w)).ToArray();
                if (model.Temporal is null) return frames[0];
                var window = head.Concat(1, frames.Select(f => head.Reshape(f, 1, 1, c, h, w)).ToArray());
                return model.Temporal.Export(head, window, c, h, w, OccluNetModel.TemporalKeys);
            }).ToArray();
            return model.Head.Export(head, fused, "bbox_head");
        }
        var flat = mirrorAveraged ? MirrorAverage.Export(head, WindowHead(0), WindowHead(1), sizes) : WindowHead(0);
        var (boxes, scores) = YoloxDecoder.Export(head, flat, sizes);
        long priors = sizes.Sum(s => s.H * s.W);
        head.Output(boxes, BoxesOutput, 1, priors, 4);
        head.Output(scores, ScoresOutput, 1, priors, model.Config.NumClasses);

        return new OccluNetOnnxGraphs(
            encoder.ToModel("occlunet_encoder", Metadata(metadata, weightsSha256, EncoderGraph)),
            head.ToModel("occlunet_window_head", Metadata(metadata, weightsSha256, WindowHeadGraph)));
    }

    /// <summary>Writes both graphs into <paramref name="folder"/>; refuses to overwrite either file.</summary>
    public static (string Encoder, string WindowHead) WriteTo(OccluNetOnnxGraphs graphs, string folder)
    {
        Directory.CreateDirectory(folder);
        string encoder = Path.Combine(folder, EncoderFile), windowHead = Path.Combine(folder, WindowHeadFile);
        foreach (var path in new[] { encoder, windowHead })
            if (File.Exists(path)) throw new IOException($"{path}: exists; export writes into a folder without {EncoderFile} and {WindowHeadFile}.");
        File.WriteAllBytes(encoder, graphs.Encoder);
        File.WriteAllBytes(windowHead, graphs.WindowHead);
        return (encoder, windowHead);
    }

    private static Dictionary<string, string> Metadata(CheckpointMetadata m, string sha256, string graph) => new()
    {
        [GraphKey] = graph,
        ["occlunet.variant"] = m.Architecture,
        ["occlunet.scale"] = m.Scale.Name,
        ["occlunet.window_length"] = m.Temporal.WindowLength.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["occlunet.window_mode"] = m.Temporal.Mode.ToString().ToLowerInvariant(),
        ["occlunet.output_index"] = m.Temporal.Window.OutputIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["occlunet.input_size"] = m.InputSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["occlunet.normalisation"] = JsonSerializer.Serialize(m.Normalisation, DomainJson.Options),
        ["occlunet.classes"] = JsonSerializer.Serialize(m.Classes, DomainJson.Options),
        ["occlunet.operating_point"] = m.OperatingPoint is { } p ? JsonSerializer.Serialize(p, DomainJson.Options) : "none",
        ["occlunet.score_threshold"] = m.DetectionSettings.ScoreThreshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        ["occlunet.min_trajectory_points"] = m.DetectionSettings.MinTrajectoryPoints.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [WeightsKey] = sha256,
        [CheckpointKey] = JsonSerializer.Serialize(m, DomainJson.Options),
    };
}
