using OccluNet.Live.Model.Yolox;

namespace OccluNet.Live.Model.Onnx;

/// <summary>One conv of Megvii's exported graph and the module (MMDetection name) that receives it.</summary>
/// <param name="ModulePath">A ConvModule (folded conv + BN) or, for the prediction convs, a plain Conv2d.</param>
/// <param name="Folded">True for Conv-BN-SiLU blocks whose BN the exporter folded into a conv bias.</param>
internal sealed record MegviiConv(string ModulePath, bool Folded);

/// <summary>
/// The order in which Megvii's YOLOX (and its ONNX export) visits its convs, written with this model's module names.
/// Megvii's CSP visits conv1, conv2, the bottlenecks, then conv3 (MMDetection's main, short, blocks, final); the head
/// visits per level: stem, cls convs, cls pred, reg convs, reg pred, obj pred.
/// </summary>
internal static class MegviiConvOrder
{
    public static IReadOnlyList<MegviiConv> For(YoloxScale scale)
    {
        var order = new List<MegviiConv>();
        void Folded(string path) => order.Add(new MegviiConv(path, true));
        void Conv3x3(string path)
        {
            if (scale.Depthwise) { Folded($"{path}.depthwise_conv"); Folded($"{path}.pointwise_conv"); }
            else Folded(path);
        }
        void Csp(string path, int blocks)
        {
            Folded($"{path}.main_conv");
            Folded($"{path}.short_conv");
            for (int i = 0; i < blocks; i++) { Folded($"{path}.blocks.{i}.conv1"); Conv3x3($"{path}.blocks.{i}.conv2"); }
            Folded($"{path}.final_conv");
        }

        Folded("backbone.stem.conv");
        int[] stageBlocks = [scale.Blocks(3), scale.Blocks(9), scale.Blocks(9), scale.Blocks(3)];
        for (int s = 1; s <= 4; s++)
        {
            Conv3x3($"backbone.stage{s}.0");
            if (s == 4) { Folded("backbone.stage4.1.conv1"); Folded("backbone.stage4.1.conv2"); }
            Csp(s == 4 ? "backbone.stage4.2" : $"backbone.stage{s}.1", stageBlocks[s - 1]);
        }
        int neckBlocks = scale.Blocks(3);
        Folded("neck.reduce_layers.0");
        Csp("neck.top_down_blocks.0", neckBlocks);
        Folded("neck.reduce_layers.1");
        Csp("neck.top_down_blocks.1", neckBlocks);
        Conv3x3("neck.downsamples.0");
        Csp("neck.bottom_up_blocks.0", neckBlocks);
        Conv3x3("neck.downsamples.1");
        Csp("neck.bottom_up_blocks.1", neckBlocks);
        for (int l = 0; l < HeadOutput.Strides.Length; l++)
        {
            Folded($"neck.out_convs.{l}");
            Conv3x3($"bbox_head.multi_level_cls_convs.{l}.0");
            Conv3x3($"bbox_head.multi_level_cls_convs.{l}.1");
            order.Add(new MegviiConv($"bbox_head.multi_level_conv_cls.{l}", false));
            Conv3x3($"bbox_head.multi_level_reg_convs.{l}.0");
            Conv3x3($"bbox_head.multi_level_reg_convs.{l}.1");
            order.Add(new MegviiConv($"bbox_head.multi_level_conv_reg.{l}", false));
            order.Add(new MegviiConv($"bbox_head.multi_level_conv_obj.{l}", false));
        }
        return order;
    }
}
