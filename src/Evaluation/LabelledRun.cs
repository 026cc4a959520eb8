using OccluNet.Live.Domain;

namespace OccluNet.Live.Evaluation;

/// <summary>
/// A run's truth as the metric needs it: the <see cref="RunTruth"/>, the phantom's MinIP difficulty score if the file
/// has one (low = a MinIP model cannot separate it from its no-occlusion twin), and the file it came from (null when built in memory).
/// </summary>
public sealed record LabelledRun(RunTruth Truth, double? MinipDifficulty = null, string? SourcePath = null)
{
    public string RunId => Truth.RunId;
}

/// <summary>A labelled run and the detector's output on it, per frame, in image pixels.</summary>
public sealed record RunPrediction(LabelledRun Run, IReadOnlyList<FrameDetections> Frames);
