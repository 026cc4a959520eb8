using OccluNet.Live.Model.Yolox;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Onnx;

/// <summary>
/// Loads Megvii's exported YOLOX weights (BN folded into conv + bias) into the backbone, neck and head. Each Conv node
/// of the graph, in graph order, is matched to <see cref="MegviiConvOrder"/>; the initializer names are not relied on.
/// A folded conv goes into a ConvModule as conv weight W', BN weight 1, bias b', running mean 0, running variance
/// 1 - eps (so eval-mode BN adds b' and nothing else; 0.999 + 0.001 is exactly 1 in float32).
/// </summary>
public static class MegviiOnnxImporter
{
    public static void Load(OccluNetModel model, string onnxPath)
    {
        var graph = OnnxGraph.Load(onnxPath);
        var convs = graph.Nodes.Where(n => n.OpType == "Conv").ToList();
        var order = MegviiConvOrder.For(model.Config.Scale);
        if (convs.Count != order.Count)
            throw new InvalidDataException(
                $"{onnxPath}: {convs.Count} Conv nodes, but YOLOX-{model.Config.Scale.Name} has {order.Count} convs; wrong scale or not a YOLOX export.");

        var modules = model.named_modules().ToDictionary(m => m.name, m => m.module);
        var problems = new List<string>();
        using var _ = no_grad();
        for (int i = 0; i < order.Count; i++)
        {
            var node = convs[i];
            if (node.Inputs.Count < 3 || !graph.Initializers.TryGetValue(node.Inputs[1], out var w) || !graph.Initializers.TryGetValue(node.Inputs[2], out var b))
            {
                problems.Add($"Conv node {i} ('{node.Name}') has no float weight and bias initializers");
                continue;
            }
            if (!modules.TryGetValue(order[i].ModulePath, out var target))
            {
                problems.Add($"module '{order[i].ModulePath}' is missing from the model");
                continue;
            }
            var problem = Assign(target, w, b, order[i].Folded);
            if (problem is not null) problems.Add($"{order[i].ModulePath} <- Conv node {i} ('{node.Name}'): {problem}");
        }
        if (problems.Count > 0)
            throw new InvalidDataException($"{onnxPath}: {problems.Count} conv(s) do not fit:\n  " + string.Join("\n  ", problems));
    }

    private static string? Assign(nn.Module target, OnnxInitializer w, OnnxInitializer b, bool folded)
    {
        var conv = target switch
        {
            ConvModule cm when folded => cm.Conv,
            Conv2d c when !folded => c,
            _ => null,
        };
        if (conv is null) return $"expected a {(folded ? "ConvModule" : "Conv2d")}, found {target.GetType().Name}";
        var weight = conv.weight!;
        if (!weight.shape.SequenceEqual(w.Dims)) return $"weight shape [{string.Join(",", w.Dims)}], model has [{string.Join(",", weight.shape)}]";
        if (b.Values.Length != weight.shape[0]) return $"bias has {b.Values.Length} values for {weight.shape[0]} channels";

        using var wt = tensor(w.Values, w.Dims);
        using var bt = tensor(b.Values);
        weight.copy_(wt);
        if (target is ConvModule module)
        {
            module.Norm.weight!.fill_(KeptScalars.One);
            module.Norm.bias!.copy_(bt);
            module.Norm.running_mean!.zero_();
            using Scalar oneMinusEps = (float)(1 - ConvModule.BatchNormEps);
            module.Norm.running_var!.fill_(oneMinusEps);
        }
        else conv.bias!.copy_(bt);
        return null;
    }
}
