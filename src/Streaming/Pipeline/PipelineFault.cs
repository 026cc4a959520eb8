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
/// One logged fault: what, which run and frame, and why (<see cref="At"/> on the <see cref="PipelineClock"/>). The message
/// is redacted here, the one door every fault passes (<see cref="Identifiers.Redact"/>: storescp names files after their
/// SOP Instance UID).
/// </summary>
public sealed record PipelineFault(FaultKind Kind, int? RunNumber, int? FrameIndex, string Message, TimeSpan At)
{
    public string Message { get; init; } = Identifiers.Redact(Message);
}
