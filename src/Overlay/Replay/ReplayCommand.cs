namespace OccluNet.Live.Overlay.Replay;

/// <summary>
/// What the user asked for with the keyboard; the replay driver acts on the replay ones. <see cref="ToggleAiMarks"/>
/// is acted on by the overlay itself (hide/show box, path and label) and passed on so that it can be logged.
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
}
