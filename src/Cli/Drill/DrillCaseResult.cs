using OccluNet.Live.Evaluation;

namespace OccluNet.Live.Cli.Drill;

/// <summary>
/// One judged case: the trainee's mark that counted (null: none given) and its outcome, the AI's outcome on the same
/// run, when each called it (seconds on the run's clock) and the time to detection of each (true positives only),
/// and the reveal snapshot's file name (null when none was written).
/// </summary>
internal sealed record DrillCaseResult(
    LabelledRun Run,
    DrillTiming Timing,
    DrillMark? Mark,
    RunOutcome Trainee,
    double? TimeToDetectionS,
    RunOutcome Ai,
    double? AiCalledAtS,
    double? AiTimeToDetectionS,
    string? Snapshot)
{
    public string Name => Run.RunId;

    public int? FirstVisibleFrame => DrillScoring.FirstVisibleFrame(Run, Timing.Seconds.Count);
}
