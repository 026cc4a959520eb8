using OccluNet.Live.Domain;

namespace OccluNet.Live.Evaluation;

/// <summary>
/// A run's truth as the metric needs it: the <see cref="RunTruth"/>, the phantom's MinIP difficulty score if the file
/// has one (low = a MinIP model cannot separate it from its no-occlusion twin), the file it came from (null when built
/// in memory), and, for annotated data sets (COCO), the boxes of every frame.
/// </summary>
/// <param name="FrameBoxes">
/// Per frame (in run order) its annotated boxes in image pixels, when the source annotates frames one by one; null when
/// the truth is the phantom's one fixed box over an interval of frames (<see cref="OcclusionTruth"/>).
/// </param>
public sealed record LabelledRun(RunTruth Truth, double? MinipDifficulty = null, string? SourcePath = null,
    IReadOnlyList<IReadOnlyList<Box>>? FrameBoxes = null)
{
    public string RunId => Truth.RunId;

    /// <summary>The truth boxes of frame <paramref name="frameIndex"/>: its annotations, or the fixed box while the occlusion is visible.</summary>
    public IReadOnlyList<Box> BoxesIn(int frameIndex)
    {
        if (FrameBoxes != null) return frameIndex >= 0 && frameIndex < FrameBoxes.Count ? FrameBoxes[frameIndex] : [];
        return Truth.Occlusion is { } o && o.IsVisibleIn(frameIndex) ? [o.FixedBox] : [];
    }

    /// <summary>Every truth box of the run (any frame).</summary>
    public IEnumerable<Box> AllBoxes => FrameBoxes != null
        ? FrameBoxes.SelectMany(b => b)
        : Truth.Occlusion is { IsEverVisible: true } o ? [o.FixedBox] : [];

    /// <summary>Frames with an occlusion to find (the per-class table's "instances").</summary>
    public int AnnotatedFrames => FrameBoxes != null
        ? FrameBoxes.Count(b => b.Count > 0)
        : Truth.Occlusion is { IsEverVisible: true } o ? o.LastVisibleFrame - o.FirstVisibleFrame + 1 : 0;
}

/// <summary>A labelled run and the detector's output on it, per frame, in image pixels.</summary>
public sealed record RunPrediction(LabelledRun Run, IReadOnlyList<FrameDetections> Frames);
