namespace OccluNet.Live.Capture.Sources;

/// <summary>
/// What the user asked for with the keyboard; the replay driver acts on the replay ones. <see cref="ToggleAiMarks"/>
/// and <see cref="ClearFinding"/> are acted on by the overlay itself (hide/show the marks; take the run's finding off the
/// view) and passed on so that they can be logged.
/// </summary>
public enum ReplayCommand
{
    TogglePause,
    StepForward,
    StepBack,
    SpeedUp,
    SlowDown,
    ToggleLoop,
    Quit,
    ToggleAiMarks,
    ClearFinding,
}
