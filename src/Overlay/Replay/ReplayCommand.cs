namespace OccluNet.Live.Overlay.Replay;

/// <summary>What the trainer asked for with the keyboard in replay; the replay driver acts on it.</summary>
public enum ReplayCommand
{
    TogglePause,
    StepForward,
    StepBack,
    SpeedUp,
    SlowDown,
    ToggleLoop,
    Quit,
}
