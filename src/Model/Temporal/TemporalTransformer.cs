using OccluNet.Live.Model.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Temporal;

/// <summary>The stack of encoder blocks (key prefix <c>transformer.layers.{i}</c>).</summary>
internal sealed class TransformerEncoder : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly ModuleList<EncoderBlock> layers;
#pragma warning restore IDE1006

    public TransformerEncoder(TemporalConfig config, int dim) : base(nameof(TransformerEncoder))
    {
        layers = nn.ModuleList(Enumerable.Range(0, config.Layers)
            .Select(_ => new EncoderBlock(dim, config.Heads, config.MlpRatio * dim, config.Dropout)).ToArray());
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => Forward(x, null);

    /// <summary>With <paramref name="lastQuery"/> the last block computes only that token: (N, 1, D).</summary>
    public Tensor Forward(Tensor x, int? lastQuery)
    {
        var h = x.alias();
        for (int i = 0; i < layers.Count; i++)
        {
            using var previous = h;
            h = layers[i].Forward(previous, null, i == layers.Count - 1 ? lastQuery : null);
        }
        return h;
    }

    public string Export(OnnxGraphBuilder graph, string x, string key, int lastQuery)
    {
        for (int i = 0; i < layers.Count; i++)
            x = layers[i].Export(graph, x, $"{key}.layers.{i}", null, i == layers.Count - 1 ? lastQuery : null);
        return x;
    }
}

/// <summary>
/// OccluNet1: per location, the T tokens of the window go through input Linear (after a Dropout, index 0), a position
/// code and 4 post-LN encoder blocks; the output frame's token is the result (authors' TemporalTransformer).
/// </summary>
internal sealed class TemporalTransformer : TemporalModule
{
#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly Sequential input_net;
    private readonly PositionalEncoding positional_encoding;
    private readonly TransformerEncoder transformer;
#pragma warning restore IDE1006

    public TemporalTransformer(TemporalConfig config, int dim) : base(nameof(TemporalTransformer), config)
    {
        input_net = nn.Sequential(("0", nn.Dropout(config.Dropout)), ("1", nn.Linear(dim, dim)));
        positional_encoding = new PositionalEncoding(config.PositionalEncoding, config.WindowLength, dim);
        transformer = new TransformerEncoder(config, dim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor level)
    {
        using var scope = NewDisposeScope();
        long b = level.shape[0], h = level.shape[3], w = level.shape[4];
        var tokens = positional_encoding.call(input_net.call(ToLocationTokens(level)));
        var chosen = OutputFrameOnly
            ? transformer.Forward(tokens, Config.Window.OutputIndex).select(1, 0)
            : transformer.call(tokens).select(1, Config.Window.OutputIndex);
        return FromLocationTokens(chosen, b, h, w).MoveToOuterDisposeScope();
    }

    public override string Export(OnnxGraphBuilder graph, string level, long channels, long h, long w, string key)
    {
        var tokens = ExportLocationTokens(graph, level, Config.WindowLength, channels, h, w);
        tokens = positional_encoding.Export(graph, OnnxExport.Chain(graph, input_net, tokens, $"{key}.input_net"), $"{key}.positional_encoding");
        var chosen = transformer.Export(graph, tokens, $"{key}.transformer", Config.Window.OutputIndex);
        return ExportFromLocationTokens(graph, chosen, channels, h, w);
    }
}
