namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>Which windows the inference thread runs when frames queue up behind it. Every frame is encoded either way.</summary>
public enum WindowPolicy
{
    /// <summary>Detect every window in order; a slow model slows the pipeline (lossless replay, benchmarks at max speed).</summary>
    EveryWindow,

    /// <summary>Encode every queued frame, then detect only the newest complete window; the older ones are counted as skipped (live).</summary>
    NewestWindow,
}
