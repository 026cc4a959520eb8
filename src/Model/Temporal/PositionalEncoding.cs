using OccluNet.Live.Model.Onnx;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Temporal;

/// <summary>Adds a position code per frame to tokens (N, T, D): sinusoidal (no state, as coded) or learned (key <c>positional_encoding.weight</c>, (1, T, D)).</summary>
internal sealed class PositionalEncoding : nn.Module<Tensor, Tensor>, IOnnxExportable
{
#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly Parameter? weight;
#pragma warning restore IDE1006
    private readonly int windowLength, dim;

    public PositionalEncoding(PositionalEncodingKind kind, int windowLength, int dim) : base(nameof(PositionalEncoding))
    {
        Kind = kind;
        (this.windowLength, this.dim) = (windowLength, dim);
        if (kind == PositionalEncodingKind.Learned)
        {
            // N(0, 0.02) as TorchSharp's normal(0, 0.02, ...) draws it (randn times 0.02), without its implicit Scalars.
            using Scalar std = 0.02;
            weight = nn.Parameter(randn(1, windowLength, dim).mul_(std));
        }
        RegisterComponents();
    }

    public PositionalEncodingKind Kind { get; }

    public override Tensor forward(Tensor tokens) =>
        weight is null ? tokens.add(Sinusoidal(tokens.shape[1], tokens.shape[2], tokens.device), KeptScalars.One) : tokens.add(weight, KeptScalars.One);

    /// <summary>The code as a (1, T, D) constant added to the tokens.</summary>
    public string Export(OnnxGraphBuilder graph, string input, string key) =>
        graph.Add(input, weight is null
            ? graph.Weight($"{key}.sinusoidal", () => Sinusoidal(windowLength, dim, CPU))
            : graph.Weight($"{key}.weight", () => weight));

    /// <summary>PE[pos, 2i] = sin(pos / 10000^(2i/D)), PE[pos, 2i+1] = cos(...), positions 0..T-1, shape (1, T, D).</summary>
    public static Tensor Sinusoidal(long length, long dim, Device device)
    {
        using var scope = NewDisposeScope();
        using Scalar rate = -Math.Log(10000.0) / dim;
        var position = KeptScalars.Range(length).unsqueeze(1);
        var divTerm = exp(KeptScalars.Range(dim).slice(0, 0, dim, 2).mul(rate));
        var table = zeros(length, dim);
        table[TensorIndex.Colon, TensorIndex.Slice(0, null, 2)] = sin(position * divTerm);
        table[TensorIndex.Colon, TensorIndex.Slice(1, null, 2)] = cos(position * divTerm);
        return table.unsqueeze(0).to(device).MoveToOuterDisposeScope();
    }
}
