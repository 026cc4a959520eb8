using OccluNet.Live.Capture.Sources;

namespace OccluNet.Live.Overlay.Replay;

/// <summary>GLFW key codes to commands: space pause, arrows step, +/- speed, L loop, Q/Esc quit, H hide/show the AI's marks, C clear the run's finding.</summary>
internal static class ReplayKeyMap
{
    public const int Space = 32, Minus = 45, Equal = 61, C = 67, H = 72, L = 76, Q = 81, Escape = 256, Right = 262, Left = 263;
    public const int KeypadSubtract = 333, KeypadAdd = 334;

    public static ReplayCommand? Map(int glfwKey) => glfwKey switch
    {
        Space => ReplayCommand.TogglePause,
        Right => ReplayCommand.StepForward,
        Left => ReplayCommand.StepBack,
        // '+' is Shift+'=' on most layouts; '=' alone counts too.
        Equal or KeypadAdd => ReplayCommand.SpeedUp,
        Minus or KeypadSubtract => ReplayCommand.SlowDown,
        L => ReplayCommand.ToggleLoop,
        Q or Escape => ReplayCommand.Quit,
        H => ReplayCommand.ToggleAiMarks,
        C => ReplayCommand.ClearFinding,
        _ => null,
    };
}
