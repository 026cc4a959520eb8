using TorchSharp.Modules;
using OccluNet.Live.Model.Onnx;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Yolox;

/// <summary>Cross-stage partial layer (YOLOv5's C3): main path through n bottlenecks, a short path, concat [main, short], 1 x 1.</summary>
internal sealed class CspLayer : nn.Module<Tensor, Tensor>, IOnnxExportable
{
#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly ConvModule main_conv;
    private readonly ConvModule short_conv;
    private readonly ConvModule final_conv;
    private readonly Sequential blocks;
#pragma warning restore IDE1006

    public CspLayer(long inChannels, long outChannels, int numBlocks, bool addIdentity, bool depthwise) : base(nameof(CspLayer))
    {
        long mid = outChannels / 2;
        main_conv = new ConvModule(inChannels, mid, 1);
        short_conv = new ConvModule(inChannels, mid, 1);
        final_conv = new ConvModule(2 * mid, outChannels, 1);
        blocks = nn.Sequential(Enumerable.Range(0, numBlocks)
            .Select(i => (i.ToString(), (nn.Module<Tensor, Tensor>)new DarknetBottleneck(mid, mid, addIdentity, depthwise)))
            .ToArray());
        RegisterComponents();
    }

    public int BlockCount => (int)blocks.Count;

    public override Tensor forward(Tensor x)
    {
        using var m = main_conv.call(x);
        using var main = blocks.call(m);
        using var shortcut = short_conv.call(x);
        using var joined = cat([main, shortcut], 1);
        return final_conv.call(joined);
    }

    public string Export(OnnxGraphBuilder graph, string input, string key)
    {
        var main = OnnxExport.Chain(graph, blocks, main_conv.Export(graph, input, $"{key}.main_conv"), $"{key}.blocks");
        var shortcut = short_conv.Export(graph, input, $"{key}.short_conv");
        return final_conv.Export(graph, graph.Concat(1, main, shortcut), $"{key}.final_conv");
    }
}
