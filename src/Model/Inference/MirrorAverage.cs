using OccluNet.Live.Model.Yolox;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Inference;

/// <summary>
/// Test-time flip (<see cref="DetectionSettings.MirrorAveraged"/>): the head maps of a window averaged with the head
/// maps of the same window mirrored left to right, turned back. Objectness and class are averaged as probabilities,
/// box deltas linearly. Priors sit at the top-left corner of their cell (<see cref="YoloxDecoder"/>: cx = (dx + col)·s),
/// so the cell of column c in the mirror image is column W − 1 − c here, and a centre offset dx there is 1 − dx here;
/// dy, dw and dh do not change.
/// </summary>
internal static class MirrorAverage
{
    /// <summary>Average of <paramref name="direct"/> and <paramref name="mirrored"/> (the head maps of the mirror image); tensors in the caller's scope.</summary>
    public static HeadOutput Of(HeadOutput direct, HeadOutput mirrored) => new(
        direct.ClassLogits.Zip(mirrored.ClassLogits, MeanProbability).ToArray(),
        direct.BoxDeltas.Zip(mirrored.BoxDeltas, MeanDeltas).ToArray(),
        direct.ObjectLogits.Zip(mirrored.ObjectLogits, MeanProbability).ToArray());

    /// <summary>The logit of the mean probability (the head's outputs stay logits, so decoding is unchanged).</summary>
    private static Tensor MeanProbability(Tensor direct, Tensor mirrored)
    {
        using var scope = NewDisposeScope();
        var p = ((direct.sigmoid() + mirrored.flip(3).sigmoid()) * 0.5).clamp(1e-6, 1 - 1e-6);
        return (p / (1 - p)).log().MoveToOuterDisposeScope();
    }

    private static Tensor MeanDeltas(Tensor direct, Tensor mirrored)
    {
        using var scope = NewDisposeScope();
        var turned = mirrored.flip(3);
        var back = cat([1 - turned.slice(1, 0, 1, 1), turned.slice(1, 1, 4, 1)], 1);
        return ((direct + back) * 0.5).MoveToOuterDisposeScope();
    }
}
