using System.Collections.Concurrent;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Tests.Support;

/// <summary>A display that remembers what it was shown and when (thread-safe, never blocks), and signals frame counts.</summary>
internal sealed class RecordingDisplay : IDisplaySink
{
    readonly Lock gate = new();
    readonly List<(int Count, TaskCompletionSource Reached)> waiters = new();

    public ConcurrentQueue<(LiveFrame Frame, TimeSpan At)> Frames { get; } = new();
    public ConcurrentQueue<(LiveResult? Result, TimeSpan At)> Results { get; } = new();
    public ConcurrentQueue<PipelineStatus> Statuses { get; } = new();
    public ConcurrentQueue<RunEnded> Ended { get; } = new();

    public void ShowFrame(LiveFrame frame)
    {
        Frames.Enqueue((frame, PipelineClock.Now));
        lock (gate)
            foreach (var (count, reached) in waiters)
                if (Frames.Count >= count) reached.TrySetResult();
    }

    /// <summary>Completes once <paramref name="count"/> frames have been shown.</summary>
    public Task FramesShown(int count)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            waiters.Add((count, reached));
            if (Frames.Count >= count) reached.TrySetResult();
        }
        return reached.Task;
    }
    public void ShowResult(LiveResult? result) => Results.Enqueue((result, PipelineClock.Now));
    public void ShowStatus(PipelineStatus status) => Statuses.Enqueue(status);
    public void ShowRunEnded(RunEnded ended) => Ended.Enqueue(ended);
}
