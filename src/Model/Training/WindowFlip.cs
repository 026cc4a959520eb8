using OccluNet.Live.Domain;
using static TorchSharp.torch;

namespace OccluNet.Live.Model.Training;

/// <summary>
/// The only augmentation of the authors' pipeline: each window, with probability 0.5, is flipped left-right as a
/// whole (all its frames together) with its boxes (x1' = W − x2, x2' = W − x1). One decision per window, not per run.
/// </summary>
public static class WindowFlip
{
    /// <param name="windows">(B, T, C, H, W).</param>
    /// <returns>The (possibly) flipped batch, its targets, and which windows were flipped.</returns>
    public static (Tensor Windows, WindowTargets[] Targets, bool[] Flipped) Apply(Tensor windows, IReadOnlyList<WindowTargets> targets, Random random, double probability = 0.5)
    {
        long b = windows.shape[0];
        float width = windows.shape[^1];
        var flipped = Enumerable.Range(0, (int)b).Select(_ => random.NextDouble() < probability).ToArray();
        using var scope = NewDisposeScope();
        var parts = Enumerable.Range(0, (int)b).Select(i => flipped[i] ? windows[i].flip(-1) : windows[i]).ToArray();
        var result = stack(parts, 0).MoveToOuterDisposeScope();
        var newTargets = targets.Select((t, i) => flipped[i]
            ? new WindowTargets(t.Boxes.Select(box => new Box(width - box.X2, box.Y1, width - box.X1, box.Y2)).ToArray(), t.Labels)
            : t).ToArray();
        return (result, newTargets, flipped);
    }
}
