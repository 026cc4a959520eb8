namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>Whether frames are coming.</summary>
public enum SourceState
{
    /// <summary>No frame yet, or none for longer than the stall timeout.</summary>
    WaitingForFrames,
    Receiving,
    /// <summary>The source's signal is gone (a video feed without pictures); it waits for it to come back.</summary>
    SignalLost,
    /// <summary>The source has finished (end of replay) or was cancelled.</summary>
    Ended,
}

/// <summary>What the AI is doing.</summary>
public enum AiState
{
    /// <summary>The window of the current run is still filling, or nothing is known yet; no result (the strip: waiting for frames).</summary>
    Starting,
    Running,
    /// <summary>The newest result describes a frame older than the configured age while newer frames are shown.</summary>
    Stale,
    /// <summary>The last inference failed; retried on the next window. The live image goes on.</summary>
    Unavailable,
}

/// <summary>The status strip's content. <see cref="Text"/> is what a headless run prints.</summary>
public sealed record PipelineStatus(SourceState Source, AiState Ai, int? LastFrameIndex, int? LastResultFrameIndex, long SkippedWindows, string? Detail)
{
    public static PipelineStatus Initial { get; } = new(SourceState.WaitingForFrames, AiState.Starting, null, null, 0, null);

    /// <summary>"waiting for frames" while the source is silent, else the AI's state ("; source ended" after the last frame).</summary>
    public string Text => Source switch
    {
        SourceState.WaitingForFrames => "waiting for frames",
        SourceState.SignalLost => "video signal lost",
        SourceState.Ended => $"{AiText}; source ended",
        _ => AiText,
    };

    string AiText => Ai switch
    {
        AiState.Starting => "AI starting (window filling)",
        AiState.Running => "AI running",
        AiState.Stale => $"AI stale{Suffix}",
        _ => $"AI unavailable{Suffix}",
    };

    string Suffix => Detail is null ? "" : $": {Detail}";
}
