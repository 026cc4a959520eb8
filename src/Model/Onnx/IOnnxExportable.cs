namespace OccluNet.Live.Model.Onnx;

/// <summary>
/// A block that writes its inference computation (eval mode, BatchNorm folded) into an ONNX graph. Each block
/// implements it beside its forward, so a new block brings its exporter with it.
/// </summary>
internal interface IOnnxExportable
{
    /// <param name="graph">The graph being built.</param>
    /// <param name="input">The name of the block's input value.</param>
    /// <param name="key">The block's path in the model (its state-dict prefix); names its weights.</param>
    /// <returns>The name of the block's output value.</returns>
    string Export(OnnxGraphBuilder graph, string input, string key);
}

/// <summary>Exporting the children of a container in order.</summary>
internal static class OnnxExport
{
    public static string Chain(OnnxGraphBuilder graph, TorchSharp.Modules.Sequential sequence, string input, string key)
    {
        foreach (var (name, child) in sequence.named_children())
            input = Block(graph, child, input, $"{key}.{name}");
        return input;
    }

    /// <summary>One block; a block without an exporter (or a training-only one such as Dropout, which is skipped) is named.</summary>
    public static string Block(OnnxGraphBuilder graph, TorchSharp.torch.nn.Module block, string input, string key) => block switch
    {
        IOnnxExportable exportable => exportable.Export(graph, input, key),
        TorchSharp.Modules.Linear linear => graph.Linear(input, linear, key),
        TorchSharp.Modules.ReLU => graph.Op("Relu", [input]),
        TorchSharp.Modules.Dropout => input,
        _ => throw new NotSupportedException($"{key}: {block.GetType().Name} has no ONNX exporter."),
    };
}
