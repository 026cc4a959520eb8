namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>Totals of one pipeline run.</summary>
public sealed record PipelineSummary(
    long FramesReceived,
    long FramesAnalysed,
    long WindowsDetected,
    long WindowsSkipped,
    long FramesDropped,
    long Faults,
    long InferenceFailures,
    int Runs,
    bool Cancelled,
    TimeSpan Duration)
{
    /// <summary>Every frame that arrived was analysed: no fault (unreadable, refused, failed) and no frame dropped.</summary>
    public bool IsComplete => Faults == 0 && FramesDropped == 0;

    public override string ToString() =>
        $"{FramesReceived} frames received, {FramesAnalysed} analysed, {WindowsDetected} windows detected, {WindowsSkipped} skipped, " +
        $"{FramesDropped} dropped, {Faults} faults ({InferenceFailures} inference), {Runs} run(s), {Duration.TotalSeconds:0.0} s" +
        (Cancelled ? ", cancelled" : "");
}
