using OccluNet.Live.Domain;

namespace OccluNet.Live.Model.Inference;

/// <summary>
/// A window head's output before any threshold, as every engine produces it: decoded boxes (N x 4; x1, y1, x2, y2 in
/// model input pixels) and per-class scores (N x C) = objectness x class, priors P3 then P4 then P5 row-major.
/// </summary>
public sealed record RawScores(float[] Boxes, float[] Scores, int Classes);

/// <summary>A streaming detector that can hand out its <see cref="RawScores"/> (parity checks between engines).</summary>
internal interface IRawScoreSource
{
    RawScores DetectRawScores(int frameIndex);
}

/// <summary>A detector's raw scores over one run, in the order the live pipeline asks for them.</summary>
internal static class RawScoreReplay
{
    /// <summary>
    /// Encodes every input in turn and asks for each output frame as soon as its window is complete (the centred window
    /// one frame later, the causal at once), then for the frames left at the end. A single input (a run's MinIP image)
    /// is one window. The detector is reset before and after.
    /// </summary>
    public static List<(int Frame, RawScores Raw)> Run(IOcclusionDetector detector, IReadOnlyList<float[]> inputs)
    {
        var source = (IRawScoreSource)detector;
        int lookAhead = inputs.Count == 1 ? 0 : TemporalWindow.Of(detector.Info).LookAhead;
        var windows = new List<(int, RawScores)>();
        detector.Reset();
        for (int f = 0; f < inputs.Count; f++)
        {
            detector.Encode(f, inputs[f]);
            if (f - lookAhead >= 0) windows.Add((f - lookAhead, source.DetectRawScores(f - lookAhead)));
        }
        for (int f = Math.Max(0, inputs.Count - lookAhead); f < inputs.Count; f++) windows.Add((f, source.DetectRawScores(f)));
        detector.Reset();
        return windows;
    }
}
