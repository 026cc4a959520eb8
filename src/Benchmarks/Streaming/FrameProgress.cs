using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>The pipeline's frames as progress: frames received of the total, and the run they come from.</summary>
internal sealed class FrameProgress(IProgress<WorkProgress>? progress, long total) : IPipelineSink
{
    readonly Dictionary<int, string> runs = new();
    int frames;

    public void Handle(PipelineEvent pipelineEvent)
    {
        switch (pipelineEvent)
        {
            case RunStarted started:
                runs[started.RunNumber] = started.Series.SourceName;
                break;
            case FrameReceived received:
                frames++;
                progress?.Report(new WorkProgress(frames, (int)Math.Min(total, int.MaxValue), runs.GetValueOrDefault(received.Frame.RunNumber, "")));
                break;
        }
    }

    public void Complete(PipelineSummary summary) { }
}
