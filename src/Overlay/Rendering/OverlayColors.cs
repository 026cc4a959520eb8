using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Overlay.Rendering;

/// <summary>
/// RGBA colours (0..1). The AI's marks are never grey, so they can be told apart from image pixels: the newest
/// detection amber, the run's finding red, the finding's path cyan.
/// </summary>
internal static class OverlayColors
{
    public static readonly (float R, float G, float B, float A) Box = (1f, 0.75f, 0f, 1f);
    public static readonly (float R, float G, float B, float A) Finding = (1f, 0.2f, 0.2f, 1f);
    public static readonly (float R, float G, float B, float A) Path = (0.2f, 0.85f, 1f, 0.85f);
    /// <summary>A drill's reveal on the live panel: the truth box green, the trainee's mark magenta.</summary>
    public static readonly (float R, float G, float B, float A) Truth = (0.2f, 1f, 0.3f, 1f);
    public static readonly (float R, float G, float B, float A) Mark = (1f, 0.3f, 1f, 1f);
    public static readonly (float R, float G, float B, float A) Background = (0.06f, 0.06f, 0.07f, 1f);
    public static readonly (float R, float G, float B, float A) LabelBackground = (0f, 0f, 0f, 0.7f);

    /// <summary>Strip colour per AI state: green running, grey waiting, amber stale, red unavailable.</summary>
    public static (float R, float G, float B, float A) Strip(AiState state) => state switch
    {
        AiState.Running => (0.08f, 0.30f, 0.14f, 1f),
        AiState.Stale => (0.55f, 0.36f, 0f, 1f),
        AiState.Unavailable => (0.62f, 0.08f, 0.08f, 1f),
        _ => (0.22f, 0.22f, 0.25f, 1f),
    };
}
