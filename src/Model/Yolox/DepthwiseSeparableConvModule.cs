using OccluNet.Live.Model.Onnx;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Yolox;

/// <summary>Depthwise k x k ConvModule then pointwise 1 x 1 ConvModule (Megvii's DWConv, used by nano).</summary>
internal sealed class DepthwiseSeparableConvModule : nn.Module<Tensor, Tensor>, IOnnxExportable
{
#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly ConvModule depthwise_conv;
    private readonly ConvModule pointwise_conv;
#pragma warning restore IDE1006

    public DepthwiseSeparableConvModule(long inChannels, long outChannels, long kernel, long stride = 1)
        : base(nameof(DepthwiseSeparableConvModule))
    {
        depthwise_conv = new ConvModule(inChannels, inChannels, kernel, stride, groups: inChannels);
        pointwise_conv = new ConvModule(inChannels, outChannels, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var d = depthwise_conv.call(x);
        return pointwise_conv.call(d);
    }

    public string Export(OnnxGraphBuilder graph, string input, string key) =>
        pointwise_conv.Export(graph, depthwise_conv.Export(graph, input, $"{key}.depthwise_conv"), $"{key}.pointwise_conv");
}

/// <summary>The one place that picks a plain or a depthwise-separable 3 x 3 block.</summary>
internal static class ConvBlock
{
    public static nn.Module<Tensor, Tensor> Create3x3(long inChannels, long outChannels, long stride, bool depthwise) =>
        depthwise
            ? new DepthwiseSeparableConvModule(inChannels, outChannels, 3, stride)
            : new ConvModule(inChannels, outChannels, 3, stride);
}
