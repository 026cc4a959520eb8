using TorchSharp.Modules;
using OccluNet.Live.Model.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Yolox;

/// <summary>Raw head maps per level (strides 8, 16, 32): class logits (B,C,h,w), box deltas (B,4,h,w), objectness logits (B,1,h,w).</summary>
public sealed record HeadOutput(Tensor[] ClassLogits, Tensor[] BoxDeltas, Tensor[] ObjectLogits)
{
    public static readonly int[] Strides = [8, 16, 32];

    /// <summary>
    /// One (B, N, 5 + C) tensor, priors P3 then P4 then P5 row-major, per prior [dx, dy, dw, dh, obj, cls...] as logits
    /// (Megvii's export applies sigmoid to obj and cls; <paramref name="sigmoid"/> does the same).
    /// </summary>
    public Tensor Flatten(bool sigmoid)
    {
        using var scope = NewDisposeScope();
        var levels = Enumerable.Range(0, Strides.Length).Select(l =>
        {
            var obj = sigmoid ? ObjectLogits[l].sigmoid() : ObjectLogits[l];
            var cls = sigmoid ? ClassLogits[l].sigmoid() : ClassLogits[l];
            return cat([BoxDeltas[l], obj, cls], 1).flatten(2);
        }).ToArray();
        return cat(levels, 2).permute(0, 2, 1).contiguous().MoveToOuterDisposeScope();
    }
}

/// <summary>
/// YOLOX decoupled head, weights not shared between levels: per level two 3 x 3 convs for classes and two for boxes;
/// 1 x 1 class conv on the class branch, 1 x 1 box and objectness convs on the box branch. MMDetection key names.
/// </summary>
public sealed class YoloxHead : nn.Module<Tensor[], HeadOutput>
{
    /// <summary>Prior-probability bias of the class and objectness convs: -ln((1 - 0.01) / 0.01).</summary>
    public static readonly double PriorBias = -Math.Log((1 - 0.01) / 0.01);

#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly ModuleList<Sequential> multi_level_cls_convs;
    private readonly ModuleList<Sequential> multi_level_reg_convs;
    private readonly ModuleList<Conv2d> multi_level_conv_cls;
    private readonly ModuleList<Conv2d> multi_level_conv_reg;
    private readonly ModuleList<Conv2d> multi_level_conv_obj;
#pragma warning restore IDE1006

    public YoloxHead(YoloxScale scale, int numClasses) : base(nameof(YoloxHead))
    {
        NumClasses = numClasses;
        int width = scale.NeckChannels;
        int levels = HeadOutput.Strides.Length;
        Sequential Stack() => nn.Sequential(
            ("0", ConvBlock.Create3x3(width, width, 1, scale.Depthwise)),
            ("1", ConvBlock.Create3x3(width, width, 1, scale.Depthwise)));
        multi_level_cls_convs = nn.ModuleList(Enumerable.Range(0, levels).Select(_ => Stack()).ToArray());
        multi_level_reg_convs = nn.ModuleList(Enumerable.Range(0, levels).Select(_ => Stack()).ToArray());
        multi_level_conv_cls = nn.ModuleList(Enumerable.Range(0, levels).Select(_ => nn.Conv2d(width, numClasses, 1)).ToArray());
        multi_level_conv_reg = nn.ModuleList(Enumerable.Range(0, levels).Select(_ => nn.Conv2d(width, 4, 1)).ToArray());
        multi_level_conv_obj = nn.ModuleList(Enumerable.Range(0, levels).Select(_ => nn.Conv2d(width, 1, 1)).ToArray());
        RegisterComponents();
        InitPriorBias();
    }

    public int NumClasses { get; }

    private void InitPriorBias()
    {
        using var _ = no_grad();
        using Scalar priorBias = PriorBias;
        foreach (var conv in multi_level_conv_cls.Concat(multi_level_conv_obj)) conv.bias!.fill_(priorBias);
    }

    public override HeadOutput forward(Tensor[] levels)
    {
        var cls = new Tensor[levels.Length];
        var reg = new Tensor[levels.Length];
        var obj = new Tensor[levels.Length];
        for (int l = 0; l < levels.Length; l++)
        {
            using var clsFeat = multi_level_cls_convs[l].call(levels[l]);
            using var regFeat = multi_level_reg_convs[l].call(levels[l]);
            cls[l] = multi_level_conv_cls[l].call(clsFeat);
            reg[l] = multi_level_conv_reg[l].call(regFeat);
            obj[l] = multi_level_conv_obj[l].call(regFeat);
        }
        return new HeadOutput(cls, reg, obj);
    }

    /// <summary>The head as a graph: P3, P4, P5 in; one (1, N, 5 + C) value out, laid out as <see cref="HeadOutput.Flatten"/> with sigmoid.</summary>
    public string Export(OnnxGraphBuilder graph, string[] levels, string key)
    {
        var flat = levels.Select((level, l) =>
        {
            var clsFeat = OnnxExport.Chain(graph, multi_level_cls_convs[l], level, $"{key}.multi_level_cls_convs.{l}");
            var regFeat = OnnxExport.Chain(graph, multi_level_reg_convs[l], level, $"{key}.multi_level_reg_convs.{l}");
            var cls = graph.Op("Sigmoid", [graph.Conv2d(clsFeat, multi_level_conv_cls[l], $"{key}.multi_level_conv_cls.{l}")]);
            var reg = graph.Conv2d(regFeat, multi_level_conv_reg[l], $"{key}.multi_level_conv_reg.{l}");
            var obj = graph.Op("Sigmoid", [graph.Conv2d(regFeat, multi_level_conv_obj[l], $"{key}.multi_level_conv_obj.{l}")]);
            return graph.Reshape(graph.Concat(1, reg, obj, cls), 1, 5 + NumClasses, -1);
        }).ToArray();
        return graph.Transpose(graph.Concat(2, flat), 0, 2, 1);
    }
}
