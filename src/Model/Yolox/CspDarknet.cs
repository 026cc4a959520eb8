using TorchSharp.Modules;
using OccluNet.Live.Model.Onnx;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Yolox;

/// <summary>
/// CSPDarknet (P5 arch): Focus stem and four stages, each a stride-2 conv then a CSP layer; stage 4 has SPP before its
/// CSP layer and no residuals. Returns every stage output (stem, C2, C3, C4, C5); the neck takes the last three.
/// </summary>
public sealed class CspDarknet : nn.Module<Tensor, Tensor[]>
{
    // (in, out, blocks, residual, spp) at width 1 and depth 1, MMDetection's arch_settings['P5'].
    private static readonly (int In, int Out, int Blocks, bool Residual, bool Spp)[] Arch =
        [(64, 128, 3, true, false), (128, 256, 9, true, false), (256, 512, 9, true, false), (512, 1024, 3, false, true)];

#pragma warning disable IDE1006 // field names are state-dict keys
    private readonly Focus stem;
    private readonly Sequential stage1;
    private readonly Sequential stage2;
    private readonly Sequential stage3;
    private readonly Sequential stage4;
#pragma warning restore IDE1006

    public CspDarknet(YoloxScale scale) : base(nameof(CspDarknet))
    {
        stem = new Focus(3, scale.Channels(Arch[0].In));
        var stages = Arch.Select(a => Stage(scale, a)).ToArray();
        (stage1, stage2, stage3, stage4) = (stages[0], stages[1], stages[2], stages[3]);
        RegisterComponents();
    }

    private static Sequential Stage(YoloxScale scale, (int In, int Out, int Blocks, bool Residual, bool Spp) a)
    {
        int cin = scale.Channels(a.In), cout = scale.Channels(a.Out);
        var layers = new List<nn.Module<Tensor, Tensor>> { ConvBlock.Create3x3(cin, cout, 2, scale.Depthwise) };
        if (a.Spp) layers.Add(new SppBottleneck(cout, cout));
        layers.Add(new CspLayer(cout, cout, scale.Blocks(a.Blocks), a.Residual, scale.Depthwise));
        return nn.Sequential(layers.Select((m, i) => (i.ToString(), m)).ToArray());
    }

    /// <summary>All five stage outputs; the caller owns them.</summary>
    public override Tensor[] forward(Tensor x)
    {
        var s0 = stem.call(x);
        var s1 = stage1.call(s0);
        var s2 = stage2.call(s1);
        var s3 = stage3.call(s2);
        var s4 = stage4.call(s3);
        return [s0, s1, s2, s3, s4];
    }

    /// <summary>The graph up to the three outputs the neck takes (C3, C4, C5).</summary>
    public string[] Export(OnnxGraphBuilder graph, string input, string key)
    {
        var s1 = OnnxExport.Chain(graph, stage1, stem.Export(graph, input, $"{key}.stem"), $"{key}.stage1");
        var s2 = OnnxExport.Chain(graph, stage2, s1, $"{key}.stage2");
        var s3 = OnnxExport.Chain(graph, stage3, s2, $"{key}.stage3");
        return [s2, s3, OnnxExport.Chain(graph, stage4, s3, $"{key}.stage4")];
    }
}
