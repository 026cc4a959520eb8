using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Yolox;

/// <summary>Conv2d (no bias, padding k/2) -> BatchNorm (eps 1e-3, momentum 0.03) -> SiLU; MMDetection's ConvModule.</summary>
public sealed class ConvModule : nn.Module<Tensor, Tensor>
{
    public const double BatchNormEps = 1e-3;
    public const double BatchNormMomentum = 0.03;

#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
#pragma warning restore IDE1006

    public ConvModule(long inChannels, long outChannels, long kernel, long stride = 1, long groups = 1) : base(nameof(ConvModule))
    {
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2, groups: groups, bias: false);
        bn = nn.BatchNorm2d(outChannels, eps: BatchNormEps, momentum: BatchNormMomentum);
        RegisterComponents();
    }

    public Conv2d Conv => conv;
    public BatchNorm2d Norm => bn;

    public override Tensor forward(Tensor x)
    {
        using var y = conv.call(x);
        using var z = bn.call(y);
        return nn.functional.silu(z);
    }
}
