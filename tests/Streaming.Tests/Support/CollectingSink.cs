using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Tests.Support;

/// <summary>Keeps every event it is handed, and the summary; counts Complete calls.</summary>
internal sealed class CollectingSink : IPipelineSink
{
    public List<PipelineEvent> Events { get; } = new();
    public PipelineSummary? Summary { get; private set; }
    public int Completions { get; private set; }

    public IEnumerable<T> Of<T>() where T : PipelineEvent => Events.OfType<T>();
    public List<LiveResult> Results => Of<ResultReady>().Select(r => r.Result).ToList();
    public List<PipelineFault> Faults => Of<FaultRaised>().Select(f => f.Fault).ToList();
    public List<PipelineStatus> Statuses => Of<StatusChanged>().Select(s => s.Status).ToList();

    public void Handle(PipelineEvent pipelineEvent) => Events.Add(pipelineEvent);

    public void Complete(PipelineSummary summary)
    {
        Summary = summary;
        Completions++;
    }
}
