using OccluNet.Live.Model.Onnx;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Yolox;

/// <summary>
/// YOLOX stem: space-to-depth into 12 channels in the order top-left, bottom-left, top-right, bottom-right
/// (x[::2, ::2], x[1::2, ::2], x[::2, 1::2], x[1::2, 1::2]), then a 3 x 3 ConvModule.
/// </summary>
internal sealed class Focus : nn.Module<Tensor, Tensor>, IOnnxExportable
{
#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly ConvModule conv;
#pragma warning restore IDE1006

    public Focus(long inChannels, long outChannels) : base(nameof(Focus))
    {
        conv = new ConvModule(inChannels * 4, outChannels, 3);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        long h = x.shape[2], w = x.shape[3];
        Tensor Part(long row, long col) => x.slice(2, row, h, 2).slice(3, col, w, 2);
        var stacked = cat([Part(0, 0), Part(1, 0), Part(0, 1), Part(1, 1)], 1);
        return conv.call(stacked).MoveToOuterDisposeScope();
    }

    public string Export(OnnxGraphBuilder graph, string input, string key)
    {
        const long End = long.MaxValue;
        string Part(long row, long col) => graph.Op("Slice", [input, graph.Ints(row, col), graph.Ints(End, End), graph.Ints(2, 3), graph.Ints(2, 2)]);
        return conv.Export(graph, graph.Concat(1, Part(0, 0), Part(1, 0), Part(0, 1), Part(1, 1)), $"{key}.conv");
    }
}
