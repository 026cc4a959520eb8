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
