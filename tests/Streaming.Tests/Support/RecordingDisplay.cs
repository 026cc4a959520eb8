using System.Collections.Concurrent;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Tests.Support;

/// <summary>A display that remembers what it was shown and when (thread-safe, never blocks).</summary>
internal sealed class RecordingDisplay : IDisplaySink
{
    public ConcurrentQueue<(LiveFrame Frame, TimeSpan At)> Frames { get; } = new();
    public ConcurrentQueue<(LiveResult? Result, TimeSpan At)> Results { get; } = new();
    public ConcurrentQueue<PipelineStatus> Statuses { get; } = new();
    public ConcurrentQueue<RunEnded> Ended { get; } = new();

    public void ShowFrame(LiveFrame frame) => Frames.Enqueue((frame, PipelineClock.Now));
    public void ShowResult(LiveResult? result) => Results.Enqueue((result, PipelineClock.Now));
    public void ShowStatus(PipelineStatus status) => Statuses.Enqueue(status);
    public void ShowRunEnded(RunEnded ended) => Ended.Enqueue(ended);
}
