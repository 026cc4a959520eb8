using OccluNet.Live.Model.Onnx;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Temporal;

/// <summary>
/// Maps one pyramid level of a window, (B, T, C, h, w), to the map of the window's output frame, (B, C, h, w).
/// One instance serves P3, P4 and P5 (shared weights, as coded).
/// </summary>
public abstract class TemporalModule : nn.Module<Tensor, Tensor>
{
    protected TemporalModule(string name, TemporalConfig config) : base(name)
    {
        Config = config;
    }

    public TemporalConfig Config { get; }

    /// <summary>
    /// Inference: the last layer computes only the output frame's tokens, the only ones the head reads (same result
    /// up to float rounding; the other frames' last-layer tokens were computed and dropped).
    /// </summary>
    public bool OutputFrameOnly { get; set; }

    public static TemporalModule? Create(TemporalConfig config, int dim) => config.Variant switch
    {
        TemporalVariant.None => null,
        TemporalVariant.OccluNet1 => new TemporalTransformer(config, dim),
        TemporalVariant.OccluNet2 => new DividedSpaceTimeTransformer(config, dim),
        _ => throw new ArgumentOutOfRangeException(nameof(config), config.Variant, "unknown temporal variant"),
    };

    /// <summary>
    /// The module as a graph (batch 1, output frame only in the last layer): a (1, T, C, h, w) level in, the output
    /// frame's (1, C, h, w) map out. Weights are keyed by <paramref name="key"/>, so the three levels share them.
    /// </summary>
    public abstract string Export(OnnxGraphBuilder graph, string level, long channels, long h, long w, string key);

    /// <summary>
    /// (B, T, C, h, w) -> (B, h, w, T, C) -> (B·h·w, T, C): one token sequence per location. Copied to contiguous
    /// memory: the reshape is a view whose channels lie h·w apart, and libtorch's linear layers on it ran 4-20x slower.
    /// </summary>
    protected static Tensor ToLocationTokens(Tensor level)
    {
        long b = level.shape[0], t = level.shape[1], c = level.shape[2], h = level.shape[3], w = level.shape[4];
        return level.permute(0, 3, 4, 1, 2).reshape(b * h * w, t, c).contiguous();
    }

    protected static string ExportLocationTokens(OnnxGraphBuilder graph, string level, long t, long c, long h, long w) =>
        graph.Reshape(graph.Transpose(level, 0, 3, 4, 1, 2), h * w, t, c);

    /// <summary>(B·h·w, C) back to (B, C, h, w).</summary>
    protected static Tensor FromLocationTokens(Tensor tokens, long b, long h, long w) =>
        tokens.reshape(b, h, w, tokens.shape[^1]).permute(0, 3, 1, 2).contiguous();

    protected static string ExportFromLocationTokens(OnnxGraphBuilder graph, string tokens, long c, long h, long w) =>
        graph.Transpose(graph.Reshape(tokens, 1, h, w, c), 0, 3, 1, 2);
}
