using OccluNet.Live.Model.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Temporal;

/// <summary>Post-LN transformer encoder block as coded: x = LN1(x + MHA(x)); x = LN2(x + MLP(x)); MLP = Linear, Dropout, ReLU, Linear.</summary>
internal sealed class EncoderBlock : nn.Module<Tensor, Tensor?, Tensor>
{
#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly MultiheadSelfAttention self_attn;
    private readonly Sequential linear_net;
    private readonly LayerNorm norm1;
    private readonly LayerNorm norm2;
    private readonly Dropout dropout;
#pragma warning restore IDE1006

    public EncoderBlock(int dim, int heads, int mlpDim, double dropoutRate) : base(nameof(EncoderBlock))
    {
        self_attn = new MultiheadSelfAttention(dim, heads);
        linear_net = Mlp(dim, mlpDim, dropoutRate);
        norm1 = nn.LayerNorm(dim);
        norm2 = nn.LayerNorm(dim);
        dropout = nn.Dropout(dropoutRate);
        RegisterComponents();
    }

    /// <summary>The block's MLP with the authors' child indices (0 Linear, 1 Dropout, 2 ReLU, 3 Linear).</summary>
    public static Sequential Mlp(int dim, int mlpDim, double dropoutRate) => nn.Sequential(
        ("0", nn.Linear(dim, mlpDim)), ("1", nn.Dropout(dropoutRate)), ("2", nn.ReLU()), ("3", nn.Linear(mlpDim, dim)));

    public override Tensor forward(Tensor x, Tensor? mask) => Forward(x, mask, null);

    /// <summary>With <paramref name="query"/> only that token comes out, (N, 1, D): attention, residual and MLP for it alone.</summary>
    public Tensor Forward(Tensor x, Tensor? mask, int? query)
    {
        using var scope = NewDisposeScope();
        var residual = query is int i ? x.narrow(1, i, 1) : x;
        var attended = norm1.call(residual.add(dropout.call(self_attn.Attend(x, mask, query)), KeptScalars.One));
        return norm2.call(attended.add(dropout.call(linear_net.call(attended)), KeptScalars.One)).MoveToOuterDisposeScope();
    }

    public string Export(OnnxGraphBuilder graph, string x, string key, string? mask, int? query)
    {
        var residual = query is int i ? graph.Slice(x, 1, i, i + 1) : x;
        var attended = graph.LayerNorm(graph.Add(residual, self_attn.Export(graph, x, $"{key}.self_attn", mask, query)), norm1, $"{key}.norm1");
        var mixed = graph.Add(attended, OnnxExport.Chain(graph, linear_net, attended, $"{key}.linear_net"));
        return graph.LayerNorm(mixed, norm2, $"{key}.norm2");
    }
}
