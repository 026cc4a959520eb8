namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>Live totals, safe to read from any thread (the status strip shows skipped windows and drops as they happen).</summary>
internal sealed class PipelineCounters
{
    long _framesReceived;
    long _framesAnalysed;
    long _windowsDetected;
    long _windowsSkipped;
    long _framesDropped;
    long _faults;
    long _inferenceFailures;
    int _runs;

    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    /// <summary>Frames the model encoded (each frame once; the window's history).</summary>
    public long FramesAnalysed => Interlocked.Read(ref _framesAnalysed);

    public long WindowsDetected => Interlocked.Read(ref _windowsDetected);
    public long WindowsSkipped => Interlocked.Read(ref _windowsSkipped);

    /// <summary>Frames a DropOldest queue dropped before analysis (shown and recorded, never analysed).</summary>
    public long FramesDropped => Interlocked.Read(ref _framesDropped);

    public long Faults => Interlocked.Read(ref _faults);
    public long InferenceFailures => Interlocked.Read(ref _inferenceFailures);
    public int Runs => Volatile.Read(ref _runs);

    internal void FrameReceived() => Interlocked.Increment(ref _framesReceived);
    internal void FrameAnalysed() => Interlocked.Increment(ref _framesAnalysed);
    internal void WindowDetected() => Interlocked.Increment(ref _windowsDetected);
    internal void WindowSkipped() => Interlocked.Increment(ref _windowsSkipped);
    internal void FrameDropped() => Interlocked.Increment(ref _framesDropped);
    internal void Fault() => Interlocked.Increment(ref _faults);
    internal void RunStarted() => Interlocked.Increment(ref _runs);

    internal void InferenceFailed()
    {
        Interlocked.Increment(ref _inferenceFailures);
        Interlocked.Increment(ref _faults);
    }

    internal PipelineSummary Summarise(bool cancelled, TimeSpan duration) => new(
        FramesReceived, FramesAnalysed, WindowsDetected, WindowsSkipped, FramesDropped, Faults, InferenceFailures, Runs, cancelled, duration);
}
