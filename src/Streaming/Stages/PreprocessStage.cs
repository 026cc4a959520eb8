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
    readonly IInputPreparer _preparer;
    readonly PipelineCounters _counters;
    readonly ChannelReader<LiveFrame> _frames;
    readonly ChannelWriter<PreparedFrame> _inputs;
    readonly ChannelWriter<PipelineEvent> _events;

    public PreprocessStage(IInputPreparer preparer, PipelineCounters counters, ChannelReader<LiveFrame> frames,
        ChannelWriter<PreparedFrame> inputs, ChannelWriter<PipelineEvent> events)
    {
        _preparer = preparer;
        _counters = counters;
        _frames = frames;
        _inputs = inputs;
        _events = events;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await foreach (LiveFrame frame in _frames.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                if (await PrepareAsync(frame).ConfigureAwait(false) is PreparedFrame prepared)
                    await _inputs.WriteAsync(prepared, cancellationToken).ConfigureAwait(false);
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
            _inputs.TryComplete(failure);
        }
    }

    async Task<PreparedFrame?> PrepareAsync(LiveFrame frame)
    {
        var input = new float[_preparer.InputSize * _preparer.InputSize];
        try
        {
            Letterbox letterbox = _preparer.Prepare(frame.Frame, input);
            return new PreparedFrame(frame, input, letterbox, PipelineClock.Now);
        }
        catch (Exception e)
        {
            _counters.Fault();
            var fault = new PipelineFault(FaultKind.Preprocess, frame.RunNumber, frame.Index, $"frame {frame.Index} could not be prepared for the model: {e.Message}", PipelineClock.Now);
            await _events.WriteAsync(new FaultRaised(fault)).ConfigureAwait(false);
            return null;
        }
    }
}
