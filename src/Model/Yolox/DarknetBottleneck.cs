using OccluNet.Live.Model.Onnx;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Yolox;

/// <summary>1 x 1 then 3 x 3 conv, plus the input when the shapes allow and the layer asks for it.</summary>
internal sealed class DarknetBottleneck : nn.Module<Tensor, Tensor>, IOnnxExportable
{
#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly ConvModule conv1;
    private readonly nn.Module<Tensor, Tensor> conv2;
#pragma warning restore IDE1006
    private readonly bool addIdentity;

    public DarknetBottleneck(long inChannels, long outChannels, bool addIdentity, bool depthwise) : base(nameof(DarknetBottleneck))
    {
        conv1 = new ConvModule(inChannels, outChannels, 1);
        conv2 = ConvBlock.Create3x3(outChannels, outChannels, 1, depthwise);
        this.addIdentity = addIdentity && inChannels == outChannels;
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var h = conv1.call(x);
        var y = conv2.call(h);
        if (!addIdentity) return y;
        using (y) return y.add(x, KeptScalars.One);
    }

    public string Export(OnnxGraphBuilder graph, string input, string key)
    {
        var h = conv1.Export(graph, input, $"{key}.conv1");
        var y = OnnxExport.Block(graph, conv2, h, $"{key}.conv2");
        return addIdentity ? graph.Add(y, input) : y;
    }
}
