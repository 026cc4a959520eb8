using TorchSharp.Modules;
using OccluNet.Live.Model.Onnx;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Yolox;

/// <summary>Every named tensor of one PAFPN pass (the parity test compares the middle ones with Megvii's graph).</summary>
public sealed record PafpnTensors(Tensor Reduced5, Tensor Reduced4, Tensor TopDown3, Tensor BottomUp4, Tensor BottomUp5, Tensor[] Outputs);

/// <summary>
/// YOLOX PAFPN: top-down (reduce 1 x 1, upsample, concat [up, lateral], CSP), bottom-up (3 x 3 stride 2, concat
/// [down, reduced], CSP), then a 1 x 1 ConvModule per level to the common width. Index 0 of reduce/top-down is the deepest level.
/// </summary>
public sealed class YoloxPafpn : nn.Module<Tensor[], Tensor[]>
{
#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly ModuleList<ConvModule> reduce_layers;
    private readonly ModuleList<CspLayer> top_down_blocks;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> downsamples;
    private readonly ModuleList<CspLayer> bottom_up_blocks;
    private readonly ModuleList<ConvModule> out_convs;
#pragma warning restore IDE1006

    public YoloxPafpn(YoloxScale scale) : base(nameof(YoloxPafpn))
    {
        int[] c = scale.NeckInputs;
        int blocks = scale.Blocks(3);
        bool dw = scale.Depthwise;
        reduce_layers = nn.ModuleList(new ConvModule(c[2], c[1], 1), new ConvModule(c[1], c[0], 1));
        top_down_blocks = nn.ModuleList(new CspLayer(2 * c[1], c[1], blocks, false, dw), new CspLayer(2 * c[0], c[0], blocks, false, dw));
        downsamples = nn.ModuleList(ConvBlock.Create3x3(c[0], c[0], 2, dw), ConvBlock.Create3x3(c[1], c[1], 2, dw));
        bottom_up_blocks = nn.ModuleList(new CspLayer(2 * c[0], c[1], blocks, false, dw), new CspLayer(2 * c[1], c[2], blocks, false, dw));
        out_convs = nn.ModuleList(c.Select(ci => new ConvModule(ci, scale.NeckChannels, 1)).ToArray());
        RegisterComponents();
    }

    /// <summary>Inputs C3, C4, C5; outputs P3, P4, P5 at the neck width. The caller owns the outputs.</summary>
    public override Tensor[] forward(Tensor[] inputs)
    {
        using var scope = NewDisposeScope();
        var outputs = ForwardAll(inputs).Outputs;
        foreach (var o in outputs) o.MoveToOuterDisposeScope();
        return outputs;
    }

    /// <summary>The pass with every intermediate kept (all tensors belong to the caller's scope).</summary>
    public PafpnTensors ForwardAll(Tensor[] inputs)
    {
        var (c3, c4, c5) = (inputs[0], inputs[1], inputs[2]);
        var r5 = reduce_layers[0].call(c5);
        var t4 = top_down_blocks[0].call(cat([Upsample(r5), c4], 1));
        var r4 = reduce_layers[1].call(t4);
        var n3 = top_down_blocks[1].call(cat([Upsample(r4), c3], 1));
        var n4 = bottom_up_blocks[0].call(cat([downsamples[0].call(n3), r4], 1));
        var n5 = bottom_up_blocks[1].call(cat([downsamples[1].call(n4), r5], 1));
        Tensor[] outs = [out_convs[0].call(n3), out_convs[1].call(n4), out_convs[2].call(n5)];
        return new PafpnTensors(r5, r4, n3, n4, n5, outs);
    }

    /// <summary>The same pass as a graph: C3, C4, C5 in, P3, P4, P5 out.</summary>
    public string[] Export(OnnxGraphBuilder graph, string[] inputs, string key)
    {
        var (c3, c4, c5) = (inputs[0], inputs[1], inputs[2]);
        string Up(string x) => graph.Op("Resize", [x, "", graph.Floats([1, 1, 2, 2], 4)],
            ("mode", "nearest"), ("coordinate_transformation_mode", "asymmetric"), ("nearest_mode", "floor"));
        var r5 = reduce_layers[0].Export(graph, c5, $"{key}.reduce_layers.0");
        var t4 = top_down_blocks[0].Export(graph, graph.Concat(1, Up(r5), c4), $"{key}.top_down_blocks.0");
        var r4 = reduce_layers[1].Export(graph, t4, $"{key}.reduce_layers.1");
        var n3 = top_down_blocks[1].Export(graph, graph.Concat(1, Up(r4), c3), $"{key}.top_down_blocks.1");
        var d3 = OnnxExport.Block(graph, downsamples[0], n3, $"{key}.downsamples.0");
        var n4 = bottom_up_blocks[0].Export(graph, graph.Concat(1, d3, r4), $"{key}.bottom_up_blocks.0");
        var d4 = OnnxExport.Block(graph, downsamples[1], n4, $"{key}.downsamples.1");
        var n5 = bottom_up_blocks[1].Export(graph, graph.Concat(1, d4, r5), $"{key}.bottom_up_blocks.1");
        string[] inner = [n3, n4, n5];
        return inner.Select((n, l) => out_convs[l].Export(graph, n, $"{key}.out_convs.{l}")).ToArray();
    }

    private static Tensor Upsample(Tensor x) =>
        nn.functional.interpolate(x, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);
}
