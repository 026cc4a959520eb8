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
    readonly IReadOnlyList<IPipelineSink> _sinks;
    readonly PipelineCounters _counters;
    readonly ChannelReader<PipelineEvent> _events;
    readonly HashSet<IPipelineSink> _failed = new(ReferenceEqualityComparer.Instance);

    public SinkStage(IReadOnlyList<IPipelineSink> sinks, PipelineCounters counters, ChannelReader<PipelineEvent> events)
    {
        _sinks = sinks;
        _counters = counters;
        _events = events;
    }

    /// <summary>Hands every event to every sink until the stream is complete.</summary>
    public async Task RunAsync()
    {
        await foreach (PipelineEvent pipelineEvent in _events.ReadAllAsync().ConfigureAwait(false))
            Deliver(pipelineEvent);
    }

    /// <summary>Flushes and closes every sink (also those that failed, so their files are closed).</summary>
    public void Complete(PipelineSummary summary)
    {
        foreach (IPipelineSink sink in _sinks)
        {
            try
            {
                sink.Complete(summary);
            }
            catch (Exception e) when (!_failed.Contains(sink))
            {
                _failed.Add(sink);
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
        foreach (IPipelineSink sink in _sinks)
        {
            if (_failed.Contains(sink)) continue;
            try
            {
                sink.Handle(pipelineEvent);
            }
            catch (Exception e)
            {
                _failed.Add(sink);
                Deliver(SinkFailure(sink, pipelineEvent.GetType().Name, e));
            }
        }
    }

    FaultRaised SinkFailure(IPipelineSink sink, string during, Exception e)
    {
        _counters.Fault();
        return new FaultRaised(new PipelineFault(FaultKind.Sink, null, null,
            $"sink {sink.GetType().Name} failed ({during}: {e.Message}) and is switched off for this run", PipelineClock.Now));
    }
}
