using OccluNet.Live.Model.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Temporal;

/// <summary>
/// One divided space-time layer (TimeSformer order, OccluNet1 block style): temporal attention over the T frames at each
/// location (residual, post-LN), then windowed spatial attention within each frame (residual, post-LN), then the MLP.
/// </summary>
internal sealed class DividedSpaceTimeBlock : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly MultiheadSelfAttention time_attn;
    private readonly LayerNorm time_norm;
    private readonly MultiheadSelfAttention space_attn;
    private readonly LayerNorm space_norm;
    private readonly Sequential linear_net;
    private readonly LayerNorm mlp_norm;
    private readonly Dropout dropout;
#pragma warning restore IDE1006
    private readonly int window;

    public DividedSpaceTimeBlock(TemporalConfig config, int dim) : base(nameof(DividedSpaceTimeBlock))
    {
        time_attn = new MultiheadSelfAttention(dim, config.Heads);
        time_norm = nn.LayerNorm(dim);
        space_attn = new MultiheadSelfAttention(dim, config.Heads);
        space_norm = nn.LayerNorm(dim);
        linear_net = EncoderBlock.Mlp(dim, config.MlpRatio * dim, config.Dropout);
        mlp_norm = nn.LayerNorm(dim);
        dropout = nn.Dropout(config.Dropout);
        window = config.SpatialWindow;
        RegisterComponents();
    }

    /// <summary>x (B, T, h, w, D) -> same shape.</summary>
    public override Tensor forward(Tensor x) => Forward(x, null);

    /// <summary>With <paramref name="onlyFrame"/> only that frame is computed: (B, 1, h, w, D).</summary>
    public Tensor Forward(Tensor x, int? onlyFrame)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], t = x.shape[1], h = x.shape[2], w = x.shape[3], d = x.shape[4];
        long kept = onlyFrame is null ? t : 1;
        var timeTokens = x.permute(0, 2, 3, 1, 4).reshape(b * h * w, t, d);
        var residual = onlyFrame is int i ? timeTokens.narrow(1, i, 1) : timeTokens;
        timeTokens = time_norm.call(residual.add(dropout.call(time_attn.Attend(timeTokens, null, onlyFrame)), KeptScalars.One));
        var frames = timeTokens.reshape(b, h, w, kept, d).permute(0, 3, 1, 2, 4).reshape(b * kept, h, w, d);

        var windows = SpatialWindows.Partition(frames, window);
        var mask = SpatialWindows.KeyMask(b * kept, h, w, window, x.device);
        windows = space_norm.call(windows.add(dropout.call(space_attn.call(windows, mask)), KeptScalars.One));
        var spaced = SpatialWindows.Merge(windows, b * kept, h, w, window);

        var mixed = mlp_norm.call(spaced.add(dropout.call(linear_net.call(spaced)), KeptScalars.One));
        return mixed.reshape(b, kept, h, w, d).MoveToOuterDisposeScope();
    }

    /// <summary>The layer as a graph, batch 1: x (1, T, h, w, D) -> (1, T or 1, h, w, D).</summary>
    public string Export(OnnxGraphBuilder graph, string x, long t, long h, long w, long d, string key, int? onlyFrame)
    {
        long kept = onlyFrame is null ? t : 1;
        var timeTokens = graph.Reshape(graph.Transpose(x, 0, 2, 3, 1, 4), h * w, t, d);
        var residual = onlyFrame is int i ? graph.Slice(timeTokens, 1, i, i + 1) : timeTokens;
        timeTokens = graph.LayerNorm(graph.Add(residual, time_attn.Export(graph, timeTokens, $"{key}.time_attn", null, onlyFrame)), time_norm, $"{key}.time_norm");
        var frames = graph.Reshape(graph.Transpose(graph.Reshape(timeTokens, 1, h, w, kept, d), 0, 3, 1, 2, 4), kept, h, w, d);

        var windows = SpatialWindows.ExportPartition(graph, frames, kept, h, w, d, window);
        var mask = SpatialWindows.IsPadded(h, w, window) ? graph.Weight($"mask.{kept}x{h}x{w}/{window}", () => SpatialWindows.KeyMask(kept, h, w, window, CPU)!) : null;
        windows = graph.LayerNorm(graph.Add(windows, space_attn.Export(graph, windows, $"{key}.space_attn", mask, null)), space_norm, $"{key}.space_norm");
        var spaced = SpatialWindows.ExportMerge(graph, windows, kept, h, w, d, window);

        var mixed = graph.LayerNorm(graph.Add(spaced, OnnxExport.Chain(graph, linear_net, spaced, $"{key}.linear_net")), mlp_norm, $"{key}.mlp_norm");
        return graph.Reshape(mixed, 1, kept, h, w, d);
    }
}

/// <summary>
/// OccluNet2: input Linear, position code over frames, 4 divided space-time layers, output frame's map. The authors'
/// version was never wired up; this one keeps their width, depth, post-LN blocks and centre output, and uses windowed
/// spatial attention (default 8 x 8) so the cost at 640 px stays near OccluNet1's (see docs/model.md).
/// </summary>
internal sealed class DividedSpaceTimeTransformer : TemporalModule
{
#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly Sequential input_net;
    private readonly PositionalEncoding positional_encoding;
    private readonly ModuleList<DividedSpaceTimeBlock> layers;
#pragma warning restore IDE1006

    public DividedSpaceTimeTransformer(TemporalConfig config, int dim) : base(nameof(DividedSpaceTimeTransformer), config)
    {
        input_net = nn.Sequential(("0", nn.Dropout(config.Dropout)), ("1", nn.Linear(dim, dim)));
        positional_encoding = new PositionalEncoding(config.PositionalEncoding, config.WindowLength, dim);
        layers = nn.ModuleList(Enumerable.Range(0, config.Layers).Select(_ => new DividedSpaceTimeBlock(config, dim)).ToArray());
        RegisterComponents();
    }

    public override Tensor forward(Tensor level)
    {
        using var scope = NewDisposeScope();
        long b = level.shape[0], t = level.shape[1], c = level.shape[2], h = level.shape[3], w = level.shape[4];
        var tokens = positional_encoding.call(input_net.call(ToLocationTokens(level)));
        var x = tokens.reshape(b, h, w, t, c).permute(0, 3, 1, 2, 4);
        for (int i = 0; i < layers.Count; i++)
            x = layers[i].Forward(x, OutputFrameOnly && i == layers.Count - 1 ? Config.Window.OutputIndex : null);
        var chosen = OutputFrameOnly ? x.select(1, 0) : x.select(1, Config.Window.OutputIndex);
        return chosen.permute(0, 3, 1, 2).contiguous().MoveToOuterDisposeScope();
    }

    public override string Export(OnnxGraphBuilder graph, string level, long channels, long h, long w, string key)
    {
        long t = Config.WindowLength;
        var tokens = ExportLocationTokens(graph, level, t, channels, h, w);
        tokens = positional_encoding.Export(graph, OnnxExport.Chain(graph, input_net, tokens, $"{key}.input_net"), $"{key}.positional_encoding");
        var x = graph.Transpose(graph.Reshape(tokens, 1, h, w, t, channels), 0, 3, 1, 2, 4);
        for (int i = 0; i < layers.Count; i++)
            x = layers[i].Export(graph, x, t, h, w, channels, $"{key}.layers.{i}", i == layers.Count - 1 ? Config.Window.OutputIndex : null);
        return graph.Transpose(graph.Reshape(x, 1, h, w, channels), 0, 3, 1, 2);
    }
}
