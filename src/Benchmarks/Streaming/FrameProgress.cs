using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>The pipeline's frames as progress: frames received of the total, and the run they come from.</summary>
internal sealed class FrameProgress(IProgress<WorkProgress>? progress, long total) : IPipelineSink
{
    readonly Dictionary<int, string> _runs = new();
    int _frames;

    public void Handle(PipelineEvent pipelineEvent)
    {
        switch (pipelineEvent)
        {
            case RunStarted started:
                _runs[started.RunNumber] = started.Series.SourceName;
                break;
            case FrameReceived received:
                _frames++;
                progress?.Report(new WorkProgress(_frames, (int)Math.Min(total, int.MaxValue), _runs.GetValueOrDefault(received.Frame.RunNumber, "")));
                break;
        }
    }

    public void Complete(PipelineSummary summary) { }
}
