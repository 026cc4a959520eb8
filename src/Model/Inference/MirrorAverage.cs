using OccluNet.Live.Model.Onnx;
using OccluNet.Live.Model.Yolox;
using TorchSharp;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Inference;

/// <summary>
/// Test-time flip (<see cref="DetectionSettings.MirrorAveraged"/>): the head maps of a window averaged with the head
/// maps of the same window mirrored left to right, turned back. Objectness and class are averaged as probabilities,
/// box deltas linearly. Priors sit at the top-left corner of their cell (<see cref="YoloxDecoder"/>: cx = (dx + col)·s),
/// so the cell of column c in the mirror image is column W − 1 − c here, and a centre offset dx there is 1 − dx here;
/// dy, dw and dh do not change. <see cref="Export"/> writes the same average into the ONNX head graph.
/// </summary>
internal static class MirrorAverage
{
    // Kept Scalars (docs/model.md "TorchSharp Scalars"): probabilities stay inside (0, 1) so their logits are finite.
    private static readonly Scalar Smallest = 1e-6, Largest = 1 - 1e-6;

    /// <summary>Average of <paramref name="direct"/> and <paramref name="mirrored"/> (the head maps of the mirror image); tensors in the caller's scope.</summary>
    public static HeadOutput Of(HeadOutput direct, HeadOutput mirrored) => new(
        direct.ClassLogits.Zip(mirrored.ClassLogits, MeanProbability).ToArray(),
        direct.BoxDeltas.Zip(mirrored.BoxDeltas, MeanDeltas).ToArray(),
        direct.ObjectLogits.Zip(mirrored.ObjectLogits, MeanProbability).ToArray());

    /// <summary>The logit of the mean probability (the head's outputs stay logits, so decoding is unchanged).</summary>
    private static Tensor MeanProbability(Tensor direct, Tensor mirrored)
    {
        using var scope = NewDisposeScope();
        var p = direct.sigmoid().Plus(mirrored.flip(3).sigmoid()).mul(KeptScalars.Half).clamp(Smallest, Largest);
        return p.div(p.OneMinus()).log().MoveToOuterDisposeScope();
    }

    private static Tensor MeanDeltas(Tensor direct, Tensor mirrored)
    {
        using var scope = NewDisposeScope();
        var turned = mirrored.flip(3);
        var back = cat([turned.slice(1, 0, 1, 1).OneMinus(), turned.slice(1, 1, 4, 1)], 1);
        return direct.Plus(back).mul(KeptScalars.Half).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The same average as a graph, on the head's flattened (1, N, 5 + C) values (<see cref="YoloxHead.Export"/>: objectness
    /// and class are probabilities there already, so all of it is a plain mean): the mirror's priors put back in place
    /// (<see cref="MirroredPriors"/>), its dx turned into 1 − dx, then the mean of the two.
    /// </summary>
    public static string Export(OnnxGraphBuilder graph, string direct, string mirrored, (long H, long W)[] sizes)
    {
        var turned = graph.Op("Gather", [mirrored, graph.Ints(MirroredPriors(sizes))], ("axis", 1L));
        var back = graph.Concat(2, graph.Op("Sub", [graph.Floats([1f]), graph.Slice(turned, 2, 0, 1)]), graph.Slice(turned, 2, 1, long.MaxValue));
        return graph.Mul(graph.Add(direct, back), graph.Floats([0.5f]));
    }

    /// <summary>For every prior (P3, P4, P5, each row-major) the index of the prior at the mirrored column, W − 1 − c, of the same row.</summary>
    internal static long[] MirroredPriors((long H, long W)[] sizes)
    {
        var order = new List<long>();
        foreach (var (h, w) in sizes)
        {
            long offset = order.Count;
            for (long row = 0; row < h; row++)
                for (long col = 0; col < w; col++) order.Add(offset + row * w + (w - 1 - col));
        }
        return order.ToArray();
    }
}
