namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>
/// A consumer of the ordered event stream (recorder, audit, console). All calls come from the one sink task, in order,
/// so implementations need no locking. <see cref="Complete"/> is called exactly once, also after cancellation or a fault:
/// flush and close there.
/// </summary>
public interface IPipelineSink
{
    void Handle(PipelineEvent pipelineEvent);

    void Complete(PipelineSummary summary);
}
