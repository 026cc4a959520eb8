using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>What the sinks (recorder, audit, console) receive, in order, on the sink task.</summary>
public abstract record PipelineEvent(TimeSpan At);

/// <summary>A new run begins (first frame, or a new series, or the frame index went back).</summary>
public sealed record RunStarted(int RunNumber, SeriesInfo Series, TimeSpan At) : PipelineEvent(At);

/// <summary>A frame arrived and was handed to the display (before any analysis); <paramref name="DisplayHandOff"/> is when the display call returned.</summary>
public sealed record FrameReceived(LiveFrame Frame, TimeSpan DisplayHandOff) : PipelineEvent(Frame.Arrival)
{
    public TimeSpan HandOffLatency => DisplayHandOff - Frame.Arrival;
}

/// <summary>Detections and the best trajectory for one frame, handed to the display at <paramref name="DisplayHandOff"/>.</summary>
public sealed record ResultReady(LiveResult Result, TimeSpan DisplayHandOff) : PipelineEvent(DisplayHandOff)
{
    /// <summary>Trigger frame arrival to display hand-off: what the pipeline adds.</summary>
    public TimeSpan EndToEnd => DisplayHandOff - Result.Timings.TriggerArrival;

    /// <summary>Result frame arrival to display hand-off: adds the window's look-ahead.</summary>
    public TimeSpan Evidence => DisplayHandOff - Result.Timings.FrameArrival;
}

/// <summary>
/// The analysis of run <paramref name="RunNumber"/> is complete: its last window was detected (the source marked the run's
/// last frame, the next run started, or the source ended). <paramref name="Finding"/> is the run's final best trajectory
/// (image pixels), or null when nothing was found: the one answer for the run that the console, the replay summary, the
/// overlay and anything reporting a run's result (a PACS export) give. Every run that reached the model ends exactly once.
/// It may come after the next run's <see cref="RunStarted"/> (analysis lags the source): attribute by run number.
/// </summary>
public sealed record RunEnded(int RunNumber, SeriesInfo Series, Trajectory? Finding, int LastFrameIndex, TimeSpan At) : PipelineEvent(At);

/// <summary>A complete window was not detected because a newer one was waiting (the newest window wins).</summary>
internal sealed record WindowSkipped(int RunNumber, int FrameIndex, TimeSpan At) : PipelineEvent(At);

internal sealed record StatusChanged(PipelineStatus Status, TimeSpan At) : PipelineEvent(At);

public sealed record FaultRaised(PipelineFault Fault) : PipelineEvent(Fault.At);

/// <summary>What the source did with an input (a file taken, waiting, a duplicate, a new version): not a loss. Redacted like faults.</summary>
public sealed record SourceNoted(string Message, TimeSpan At) : PipelineEvent(At)
{
    public string Message { get; init; } = Identifiers.Redact(Message);
}
