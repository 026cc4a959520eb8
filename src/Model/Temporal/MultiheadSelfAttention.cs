using OccluNet.Live.Model.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Temporal;

/// <summary>
/// Batch-first self-attention with one fused q/k/v projection laid out per head as [q_h | k_h | v_h] (the authors'
/// layout; with one head that is rows q, k, v), scaled dot-product attention, output projection.
/// </summary>
internal sealed class MultiheadSelfAttention : nn.Module<Tensor, Tensor?, Tensor>
{
#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly Linear qkv_proj;
    private readonly Linear o_proj;
#pragma warning restore IDE1006
    private readonly int heads;
    private readonly int dim;
    private readonly double headScale; // 1 / sqrt(head width), for the torch path and the export alike
    private readonly Scalar scale; // the same, kept for the module's life (KeptScalars says why)

    public MultiheadSelfAttention(int dim, int heads) : base(nameof(MultiheadSelfAttention))
    {
        if (dim % heads != 0) throw new ArgumentException($"model width {dim} is not divisible by {heads} heads.");
        this.heads = heads;
        this.dim = dim;
        headScale = 1 / Math.Sqrt(dim / heads);
        scale = headScale;
        qkv_proj = nn.Linear(dim, 3 * dim);
        o_proj = nn.Linear(dim, dim);
        RegisterComponents();
        using var _ = no_grad();
        foreach (var linear in new[] { qkv_proj, o_proj })
        {
            nn.init.xavier_uniform_(linear.weight!);
            linear.bias!.zero_();
        }
    }

    /// <summary>x (N, L, D); optional additive mask broadcastable to (N, heads, L, L).</summary>
    public override Tensor forward(Tensor x, Tensor? mask) => Attend(x, mask, null);

    /// <summary>
    /// As <see cref="forward"/>; with <paramref name="query"/> only that position attends (keys and values are all
    /// positions), giving (N, 1, D): the one token a last layer needs.
    /// </summary>
    public Tensor Attend(Tensor x, Tensor? mask, int? query)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[0], len = x.shape[1];
        var qkv = qkv_proj.call(x).reshape(n, len, heads, 3 * dim / heads).permute(0, 2, 1, 3);
        var parts = qkv.chunk(3, -1);
        var q = query is int i ? parts[0].narrow(2, i, 1) : parts[0];
        // Written out rather than scaled_dot_product_attention: libtorch's fused CPU kernel took 10x longer for these
        // thousands of 3-token sequences at 2 threads (26 vs 2.6 ms per layer on S-512's P3; docs/model.md "The temporal
        // module's tokens contiguous, its attention written out").
        var scores = matmul(q, parts[1].transpose(-1, -2)).mul(scale);
        if (mask is not null) scores = scores.Plus(mask);
        var attended = matmul(nn.functional.softmax(scores, -1), parts[2]);
        var merged = attended.permute(0, 2, 1, 3).reshape(n, q.shape[2], dim);
        return o_proj.call(merged).MoveToOuterDisposeScope();
    }

    /// <summary>The same attention as a graph: x (N, L, D), mask a value broadcastable to (N, heads, Lq, L) or null.</summary>
    public string Export(OnnxGraphBuilder graph, string x, string key, string? mask, int? query)
    {
        int headDim = dim / heads;
        var qkv = graph.Transpose(graph.Reshape(graph.Linear(x, qkv_proj, $"{key}.qkv_proj"), 0, 0, heads, 3 * headDim), 0, 2, 1, 3);
        var parts = graph.Op("Split", 3, [qkv], ("axis", -1L));
        var q = query is int i ? graph.Slice(parts[0], 2, i, i + 1) : parts[0];
        var scores = graph.Mul(graph.Op("MatMul", [q, graph.Transpose(parts[1], 0, 1, 3, 2)]), graph.Floats([(float)headScale]));
        if (mask is not null) scores = graph.Add(scores, mask);
        var attended = graph.Op("MatMul", [graph.Op("Softmax", [scores], ("axis", -1L)), parts[2]]);
        var merged = graph.Reshape(graph.Transpose(attended, 0, 2, 1, 3), 0, 0, dim);
        return graph.Linear(merged, o_proj, $"{key}.o_proj");
    }
}
