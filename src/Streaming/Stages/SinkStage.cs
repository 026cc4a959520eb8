using System.Threading.Channels;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Stages;

/// <summary>
/// Sink stage. Input: the ordered event stream. Outputs: the recorder, audit, console and any other
/// <see cref="IPipelineSink"/>, called in order on this one task. A sink that throws is reported to the others and
/// switched off for the rest of the run; the others go on.
/// </summary>
internal sealed class SinkStage
{
    readonly IReadOnlyList<IPipelineSink> sinks;
    readonly PipelineCounters counters;
    readonly ChannelReader<PipelineEvent> events;
    readonly HashSet<IPipelineSink> failed = new(ReferenceEqualityComparer.Instance);

    public SinkStage(IReadOnlyList<IPipelineSink> sinks, PipelineCounters counters, ChannelReader<PipelineEvent> events)
    {
        this.sinks = sinks;
        this.counters = counters;
        this.events = events;
    }

    /// <summary>Hands every event to every sink until the stream is complete.</summary>
    public async Task RunAsync()
    {
        await foreach (PipelineEvent pipelineEvent in events.ReadAllAsync().ConfigureAwait(false))
            Deliver(pipelineEvent);
    }

    /// <summary>Flushes and closes every sink (also those that failed, so their files are closed).</summary>
    public void Complete(PipelineSummary summary)
    {
        foreach (IPipelineSink sink in sinks)
        {
            try
            {
                sink.Complete(summary);
            }
            catch (Exception e) when (!failed.Contains(sink))
            {
                failed.Add(sink);
                Deliver(SinkFailure(sink, "closing", e));
            }
            catch (Exception)
            {
                // Already reported when it first failed.
            }
        }
    }

    void Deliver(PipelineEvent pipelineEvent)
    {
        foreach (IPipelineSink sink in sinks)
        {
            if (failed.Contains(sink)) continue;
            try
            {
                sink.Handle(pipelineEvent);
            }
            catch (Exception e)
            {
                failed.Add(sink);
                Deliver(SinkFailure(sink, pipelineEvent.GetType().Name, e));
            }
        }
    }

    FaultRaised SinkFailure(IPipelineSink sink, string during, Exception e)
    {
        counters.Fault();
        return new FaultRaised(new PipelineFault(FaultKind.Sink, null, null,
            $"sink {sink.GetType().Name} failed ({during}: {e.Message}) and is switched off for this run", PipelineClock.Now));
    }
}
