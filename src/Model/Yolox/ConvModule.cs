using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Model.Runtime;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Yolox;

/// <summary>
/// Conv2d (no bias, padding k/2) -> BatchNorm (eps 1e-3, momentum 0.03) -> SiLU; MMDetection's ConvModule. For
/// inference <see cref="FoldBatchNorm"/> replaces conv + BN by one conv with bias (the exporter writes the same fold).
/// </summary>
public sealed class ConvModule : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    public const double BatchNormEps = 1e-3;
    public const double BatchNormMomentum = 0.03;

#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
#pragma warning restore IDE1006
    private readonly long kernel, stride, groups;
    private Tensor? foldedWeight, foldedBias;

    public ConvModule(long inChannels, long outChannels, long kernel, long stride = 1, long groups = 1) : base(nameof(ConvModule))
    {
        (this.kernel, this.stride, this.groups) = (kernel, stride, groups);
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2, groups: groups, bias: false);
        bn = nn.BatchNorm2d(outChannels, eps: BatchNormEps, momentum: BatchNormMomentum);
        RegisterComponents();
    }

    public Conv2d Conv => conv;
    public BatchNorm2d Norm => bn;

    public bool IsFolded => foldedWeight is not null;

    /// <summary>Eval-mode BN folded into the conv: W' = W·s, b' = β - μ·s with s = γ / √(σ² + ε), per output channel.</summary>
    public (Tensor Weight, Tensor Bias) FoldedWeights()
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        using Scalar eps = BatchNormEps;
        var scale = bn.weight! / bn.running_var!.Plus(eps).sqrt();
        var weight = conv.weight! * scale.reshape(-1, 1, 1, 1);
        var bias = bn.bias! - bn.running_mean! * scale;
        return (weight.MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// From now on forward runs the folded conv (inference only: the BN parameters stay as they are, untouched by
    /// this, and no longer take part). Call after the module has moved to its device.
    /// The folded weight is kept channels-last where <see cref="ConvLayout"/> says so (why: there).
    /// </summary>
    public void FoldBatchNorm()
    {
        foldedWeight?.Dispose();
        foldedBias?.Dispose();
        var (w, b) = FoldedWeights();
        foldedWeight = (ConvLayout.ChannelsLast(w.device_type) ? ChannelsLast(w) : w).DetachFromDisposeScope();
        foldedBias = b.DetachFromDisposeScope();
    }

    /// <summary>The same values and shape with NHWC strides (TorchSharp has no memory_format; the permutes give the strides).</summary>
    private static Tensor ChannelsLast(Tensor weight)
    {
        using (weight)
        using (var nhwc = weight.permute(0, 2, 3, 1).contiguous())
            return nhwc.permute(0, 3, 1, 2);
    }

    public override Tensor forward(Tensor x)
    {
        if (foldedWeight is not null)
        {
            var folded = nn.functional.conv2d(x, foldedWeight, foldedBias, strides: [stride, stride], padding: [kernel / 2, kernel / 2], groups: groups);
            return folded.silu_();
        }
        using var y = conv.call(x);
        using var z = bn.training ? NormaliseInTraining(y) : bn.call(y);
        return nn.functional.silu(z);
    }

    /// <summary>
    /// TorchSharp's BatchNorm forward in training mode, with its step counter advanced by kept Scalars: its own
    /// <c>num_batches_tracked.add_(1)</c> makes implicit ones on every training forward (see <see cref="KeptScalars"/>).
    /// Same call and arguments as there (momentum as set now, e.g. 1/k by <c>BatchNormCalibration</c>; none = the
    /// cumulative average), so the result is bit-identical.
    /// </summary>
    Tensor NormaliseInTraining(Tensor y)
    {
        double factor = bn.momentum ?? 0.0;
        if (bn.track_running_stats && bn.num_batches_tracked is { } batches)
        {
            batches.add_(KeptScalars.One, KeptScalars.One);
            factor = bn.momentum ?? 1.0 / batches.item<long>();
        }
        bool running = bn.track_running_stats;
        return nn.functional.batch_norm(y, running ? bn.running_mean : null, running ? bn.running_var : null, bn.weight, bn.bias,
            training: true, momentum: factor, eps: bn.eps);
    }

    public string Export(OnnxGraphBuilder graph, string input, string key)
    {
        var weight = graph.Weight($"{key}.conv.weight*bn", () => FoldedWeights().Weight);
        var bias = graph.Weight($"{key}.conv.bias*bn", () => FoldedWeights().Bias);
        return graph.Silu(graph.Conv(input, weight, bias, [kernel, kernel], stride, groups));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foldedWeight?.Dispose();
            foldedBias?.Dispose();
        }
        base.Dispose(disposing);
    }
}
