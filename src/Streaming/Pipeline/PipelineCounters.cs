namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>Live totals, safe to read from any thread (the status strip shows skipped windows and drops as they happen).</summary>
internal sealed class PipelineCounters
{
    long framesReceived;
    long framesAnalysed;
    long windowsDetected;
    long windowsSkipped;
    long framesDropped;
    long faults;
    long inferenceFailures;
    int runs;

    public long FramesReceived => Interlocked.Read(ref framesReceived);

    /// <summary>Frames the model encoded (each frame once; the window's history).</summary>
    public long FramesAnalysed => Interlocked.Read(ref framesAnalysed);

    public long WindowsDetected => Interlocked.Read(ref windowsDetected);
    public long WindowsSkipped => Interlocked.Read(ref windowsSkipped);

    /// <summary>Frames a DropOldest queue dropped before analysis (shown and recorded, never analysed).</summary>
    public long FramesDropped => Interlocked.Read(ref framesDropped);

    public long Faults => Interlocked.Read(ref faults);
    public long InferenceFailures => Interlocked.Read(ref inferenceFailures);
    public int Runs => Volatile.Read(ref runs);

    internal void FrameReceived() => Interlocked.Increment(ref framesReceived);
    internal void FrameAnalysed() => Interlocked.Increment(ref framesAnalysed);
    internal void WindowDetected() => Interlocked.Increment(ref windowsDetected);
    internal void WindowSkipped() => Interlocked.Increment(ref windowsSkipped);
    internal void FrameDropped() => Interlocked.Increment(ref framesDropped);
    internal void Fault() => Interlocked.Increment(ref faults);
    internal void RunStarted() => Interlocked.Increment(ref runs);

    internal void InferenceFailed()
    {
        Interlocked.Increment(ref inferenceFailures);
        Interlocked.Increment(ref faults);
    }

    internal PipelineSummary Summarise(bool cancelled, TimeSpan duration) => new(
        FramesReceived, FramesAnalysed, WindowsDetected, WindowsSkipped, FramesDropped, Faults, InferenceFailures, Runs, cancelled, duration);
}
