using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Temporal;

/// <summary>
/// Batch-first self-attention with one fused q/k/v projection laid out per head as [q_h | k_h | v_h] (the authors'
/// layout; with one head that is rows q, k, v), scaled dot-product attention, output projection.
/// </summary>
public sealed class MultiheadSelfAttention : nn.Module<Tensor, Tensor?, Tensor>
{
#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly Linear qkv_proj;
    private readonly Linear o_proj;
#pragma warning restore IDE1006
    private readonly int heads;

    public MultiheadSelfAttention(int dim, int heads) : base(nameof(MultiheadSelfAttention))
    {
        if (dim % heads != 0) throw new ArgumentException($"model width {dim} is not divisible by {heads} heads.");
        this.heads = heads;
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
    public override Tensor forward(Tensor x, Tensor? mask)
    {
        using var scope = NewDisposeScope();
        long n = x.shape[0], len = x.shape[1], dim = x.shape[2];
        var qkv = qkv_proj.call(x).reshape(n, len, heads, 3 * dim / heads).permute(0, 2, 1, 3);
        var parts = qkv.chunk(3, -1);
        var attended = nn.functional.scaled_dot_product_attention(parts[0], parts[1], parts[2], mask);
        var merged = attended.permute(0, 2, 1, 3).reshape(n, len, dim);
        return o_proj.call(merged).MoveToOuterDisposeScope();
    }
}
