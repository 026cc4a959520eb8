using OccluNet.Live.Model.Onnx;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Yolox;

/// <summary>Spatial pyramid pooling (SPP, not SPPF): 1 x 1 halving, max-pools 5/9/13 in parallel, concat [x, p5, p9, p13], 1 x 1.</summary>
internal sealed class SppBottleneck : nn.Module<Tensor, Tensor>, IOnnxExportable
{
    private static readonly long[] PoolKernels = [5, 9, 13];

#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly ConvModule conv1;
    private readonly ConvModule conv2;
#pragma warning restore IDE1006

    public SppBottleneck(long inChannels, long outChannels) : base(nameof(SppBottleneck))
    {
        long mid = inChannels / 2;
        conv1 = new ConvModule(inChannels, mid, 1);
        conv2 = new ConvModule(mid * (PoolKernels.Length + 1), outChannels, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var h = conv1.call(x);
        var parts = new List<Tensor> { h };
        parts.AddRange(PoolKernels.Select(k => nn.functional.max_pool2d(h, k, stride: 1, padding: k / 2)));
        return conv2.call(cat(parts, 1)).MoveToOuterDisposeScope();
    }

    public string Export(OnnxGraphBuilder graph, string input, string key)
    {
        var h = conv1.Export(graph, input, $"{key}.conv1");
        var pools = PoolKernels.Select(k => graph.Op("MaxPool", [h],
            ("kernel_shape", new[] { k, k }), ("strides", new[] { 1L, 1L }), ("pads", new[] { k / 2, k / 2, k / 2, k / 2 })));
        return conv2.Export(graph, graph.Concat(1, [h, .. pools]), $"{key}.conv2");
    }
}
