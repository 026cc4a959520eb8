using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Overlay.Contract;

/// <summary>
/// The pipeline's state for the always-visible status strip, in the pipeline's own vocabulary (<see cref="AiState"/>;
/// <see cref="AiState.Starting"/> shows as waiting for frames). <see cref="Detail"/> says why (e.g. the exception's
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
    public static readonly OverlayStatus Initial = new(AiState.Starting);
}
