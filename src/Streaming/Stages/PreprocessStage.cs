using System.Threading.Channels;
using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Stages;

/// <summary>
/// Preprocess stage. Input: frames. Output: model inputs (a fresh array per frame, owned by the inference stage).
/// A frame that cannot be prepared is a logged fault; it was already shown and recorded, it is just not analysed.
/// Stops with the inference thread on cancellation (queued frames were already shown and recorded).
/// </summary>
internal sealed class PreprocessStage
{
    readonly IInputPreparer preparer;
    readonly PipelineCounters counters;
    readonly ChannelReader<LiveFrame> frames;
    readonly ChannelWriter<PreparedFrame> inputs;
    readonly ChannelWriter<PipelineEvent> events;

    public PreprocessStage(IInputPreparer preparer, PipelineCounters counters, ChannelReader<LiveFrame> frames,
        ChannelWriter<PreparedFrame> inputs, ChannelWriter<PipelineEvent> events)
    {
        this.preparer = preparer;
        this.counters = counters;
        this.frames = frames;
        this.inputs = inputs;
        this.events = events;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await foreach (LiveFrame frame in frames.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                if (await PrepareAsync(frame).ConfigureAwait(false) is PreparedFrame prepared)
                    await inputs.WriteAsync(prepared, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown or a failed stage: the inference thread no longer reads.
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            inputs.TryComplete(failure);
        }
    }

    async Task<PreparedFrame?> PrepareAsync(LiveFrame frame)
    {
        var input = new float[preparer.InputSize * preparer.InputSize];
        try
        {
            Letterbox letterbox = preparer.Prepare(frame.Frame, input);
            return new PreparedFrame(frame, input, letterbox, PipelineClock.Now);
        }
        catch (Exception e)
        {
            counters.Fault();
            var fault = new PipelineFault(FaultKind.Preprocess, frame.RunNumber, frame.Index, $"frame {frame.Index} could not be prepared for the model: {e.Message}", PipelineClock.Now);
            await events.WriteAsync(new FaultRaised(fault)).ConfigureAwait(false);
            return null;
        }
    }
}
