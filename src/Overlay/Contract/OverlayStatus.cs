using OccluNet.Live.Overlay.Replay;

namespace OccluNet.Live.Overlay.Contract;

/// <summary>What the AI is doing, as the status strip shows it.</summary>
public enum AiState
{
    /// <summary>Nothing known yet, or the window is filling (needs 3 frames).</summary>
    WaitingForFrames,
    Running,
    /// <summary>Results are late (older than the configured age).</summary>
    Stale,
    /// <summary>The model failed or is not loaded; the live image goes on.</summary>
    Unavailable,
}

/// <summary>
/// The pipeline's state for the always-visible status strip. <see cref="Detail"/> says why (e.g. the exception's
/// message when unavailable). <see cref="IsReplay"/> marks a replayed run so that it is never mistaken for live;
/// <see cref="Playback"/> (speed, paused, loop) is shown beside it when the replay is interactive.
/// </summary>
public sealed record OverlayStatus(
    AiState State,
    string? ModelId = null,
    string? Device = null,
    int? FrameIndex = null,
    double FramesPerSecond = 0,
    TimeSpan? EndToEndLatency = null,
    int SkippedWindows = 0,
    bool IsReplay = false,
    string? Detail = null,
    ReplayControls? Playback = null)
{
    public static readonly OverlayStatus Initial = new(AiState.WaitingForFrames);
}
