using OccluNet.Live.Domain;

namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>What went wrong; the run goes on after every one of these.</summary>
public enum FaultKind
{
    /// <summary>The source could not deliver a frame (unreadable, corrupt) or delivered one that is inconsistent.</summary>
    CorruptFrame,
    /// <summary>The source itself failed; the run ends, everything received is flushed.</summary>
    SourceFailed,
    /// <summary>Turning the frame into model input failed; the frame is shown but not analysed.</summary>
    Preprocess,
    /// <summary>The model threw; status "AI unavailable", retried on the next window.</summary>
    Inference,
    /// <summary>A queue was full and dropped its oldest item (live overload).</summary>
    Dropped,
    /// <summary>The display or a sink threw; the others go on.</summary>
    Sink,
}

/// <summary>
/// One logged fault: what, which run and frame, and why (<see cref="At"/> on the <see cref="PipelineClock"/>).
/// <see cref="RunNumber"/> is set only when the fault belongs to that run; a source fault names the input it came from
/// (<see cref="SourceName"/>, e.g. the file), which may be no run at all (a file that could not be opened). Message and
/// source name are redacted here, the one door every fault passes (<see cref="Identifiers.Redact"/>: storescp names files
/// after their SOP Instance UID).
/// </summary>
public sealed record PipelineFault(FaultKind Kind, int? RunNumber, int? FrameIndex, string Message, TimeSpan At, string? SourceName = null)
{
    public string Message { get; init; } = Identifiers.Redact(Message);
    public string? SourceName { get; init; } = SourceName is null ? null : Identifiers.Redact(SourceName);
}
