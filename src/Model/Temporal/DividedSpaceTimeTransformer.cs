using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Temporal;

/// <summary>
/// One divided space-time layer (TimeSformer order, OccluNet1 block style): temporal attention over the T frames at each
/// location (residual, post-LN), then windowed spatial attention within each frame (residual, post-LN), then the MLP.
/// </summary>
public sealed class DividedSpaceTimeBlock : nn.Module<Tensor, Tensor>
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
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0], t = x.shape[1], h = x.shape[2], w = x.shape[3], d = x.shape[4];
        var timeTokens = x.permute(0, 2, 3, 1, 4).reshape(b * h * w, t, d);
        timeTokens = time_norm.call(timeTokens.add(dropout.call(time_attn.call(timeTokens, null)), KeptScalars.One));
        var frames = timeTokens.reshape(b, h, w, t, d).permute(0, 3, 1, 2, 4).reshape(b * t, h, w, d);

        var windows = SpatialWindows.Partition(frames, window);
        var mask = SpatialWindows.KeyMask(b * t, h, w, window, x.device);
        windows = space_norm.call(windows.add(dropout.call(space_attn.call(windows, mask)), KeptScalars.One));
        var spaced = SpatialWindows.Merge(windows, b * t, h, w, window);

        var mixed = mlp_norm.call(spaced.add(dropout.call(linear_net.call(spaced)), KeptScalars.One));
        return mixed.reshape(b, t, h, w, d).MoveToOuterDisposeScope();
    }
}

/// <summary>
/// OccluNet2: input Linear, position code over frames, 4 divided space-time layers, output frame's map. The authors'
/// version was never wired up; this one keeps their width, depth, post-LN blocks and centre output, and uses windowed
/// spatial attention (default 8 x 8) so the cost at 640 px stays near OccluNet1's (see docs/model.md).
/// </summary>
public sealed class DividedSpaceTimeTransformer : TemporalModule
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
        foreach (var layer in layers) x = layer.call(x);
        var chosen = x.select(1, Config.OutputIndex);
        return chosen.permute(0, 3, 1, 2).contiguous().MoveToOuterDisposeScope();
    }
}
