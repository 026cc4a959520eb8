using OccluNet.Live.Model;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Model.Training;
using static TorchSharp.torch;

namespace OccluNet.Live.Training;

/// <summary>One training sample: the output frame (or the MinIP image) <see cref="Index"/> of a prepared run.</summary>
internal readonly record struct WindowSample(PreparedRun Run, int Index);

/// <summary>
/// Builds a batch (B, T, 3, S, S) of windows around each sample's frame, with the same window rule as the live detector
/// (<see cref="TemporalWindow"/>), and the targets of each output frame (its own labels only; neighbours give pixels).
/// </summary>
internal static class WindowBatch
{
    /// <param name="display">Training only: shows some windows as the video input would (<see cref="DisplayLikeTransform"/>).</param>
    /// <param name="collimator">Training only: a round field on some windows, before the display (<see cref="CollimatorTransform"/>).</param>
    public static (Tensor Windows, WindowTargets[] Targets) Build(IReadOnlyList<WindowSample> samples, TemporalConfig temporal, int inputSize,
        DisplayLikeTransform? display = null, CollimatorTransform? collimator = null)
    {
        int t = temporal.WindowLength, plane = inputSize * inputSize;
        var data = new float[samples.Count * t * plane];
        var targets = samples.Select(s => s.Run.TargetsOf(s.Index)).ToArray();
        for (int b = 0; b < samples.Count; b++)
        {
            var (run, index) = samples[b];
            var positions = t == 1 ? [index] : temporal.Window.Positions(index, run.Inputs.Count);
            for (int k = 0; k < t; k++)
                run.Inputs[positions[k]].AsSpan().CopyTo(data.AsSpan((b * t + k) * plane, plane));
            collimator?.Apply(data.AsSpan(b * t * plane, t * plane), t, inputSize, run.Letterbox.ContentWidth, run.Letterbox.ContentHeight, targets[b].Boxes);
            display?.Apply(data.AsSpan(b * t * plane, t * plane), t, inputSize, run.Letterbox.ContentWidth, run.Letterbox.ContentHeight);
        }
        using var scope = NewDisposeScope();
        var windows = tensor(data, [samples.Count, t, 1, inputSize, inputSize]).expand(-1, -1, 3, -1, -1).contiguous().MoveToOuterDisposeScope();
        return (windows, targets);
    }

    /// <summary>Every sample of some runs: each frame of a temporal run, the single image of a MinIP run.</summary>
    public static WindowSample[] SamplesOf(IEnumerable<PreparedRun> runs) =>
        runs.SelectMany(r => Enumerable.Range(0, r.Inputs.Count).Select(i => new WindowSample(r, i))).ToArray();
}
