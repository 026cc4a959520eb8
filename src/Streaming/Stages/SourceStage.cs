using System.Threading.Channels;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Stages;

/// <summary>
/// Source stage. Input: an <see cref="IFrameSource"/>. Outputs: the display (each frame the moment it arrives), the sinks
/// (<see cref="RunStarted"/>, <see cref="FrameReceived"/>, faults) and the analysis queue.
/// Stamps arrival after the source hands a frame over, so a replay's pacing sleep is never counted (or, for a frame
/// found in video, when its first picture was read: <see cref="Frame.ShownAt"/>). A frame that fails the
/// checks is a logged fault and the run goes on. A new series, a frame index that goes back, or any frame after one the
/// source marked <see cref="Frame.EndsRun"/> starts a new run. A source fault is attributed to the run in progress only
/// when it names that run's input; otherwise (a file that could not be opened) it belongs to no run and names its input.
/// A fault or notice the source reports goes to the sinks the moment it is reported (the source calls back on this
/// stage's flow, between frames), not with the next frame: a broken last file in a live session is seen at once.
/// </summary>
internal sealed class SourceStage
{
    readonly IFrameSource _source;
    readonly IDisplaySink _display;
    readonly StatusMonitor _status;
    readonly PipelineCounters _counters;
    readonly ChannelWriter<LiveFrame> _frames;
    readonly ChannelWriter<PipelineEvent> _events;
    readonly Queue<PipelineEvent> _unsent = new(); // only when the sink queue was full at the moment of a fault or notice
    bool _flushing; // a flush of _unsent is under way (guarded by _unsent); while it is, nothing overtakes it
    Task _flush = Task.CompletedTask;
    string? _seriesUid;
    int _lastIndex = -1;
    bool _runEnded;
    string? _runSource;
    int _run = -1;

    public SourceStage(IFrameSource source, IDisplaySink display, StatusMonitor status, PipelineCounters counters,
        ChannelWriter<LiveFrame> frames, ChannelWriter<PipelineEvent> events)
    {
        _source = source;
        _display = display;
        _status = status;
        _counters = counters;
        _frames = frames;
        _events = events;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await foreach (Frame frame in _source.ReadAsync(ReportNow, NoteNow, cancellationToken).ConfigureAwait(false))
            {
                TimeSpan arrival = ArrivalOf(frame);
                await SendUnsentAsync().ConfigureAwait(false);
                await AcceptAsync(frame, arrival, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancellation ends the source; everything received flows on and is flushed.
        }
        catch (ChannelClosedException e)
        {
            failure = e; // a downstream stage failed; the runner reports its exception
        }
        catch (Exception e)
        {
            await RaiseAsync(FaultKind.SourceFailed, null, $"source {_source.Name} failed: {e.Message}").ConfigureAwait(false);
        }
        finally
        {
            await SendUnsentAsync().ConfigureAwait(false);
            _frames.TryComplete(failure);
            await _status.SourceEndedAsync().ConfigureAwait(false);
        }
    }

    /// <summary>When the frame was first seen (a video source), else now. A null frame is refused later by <see cref="FrameCheck"/>.</summary>
    static TimeSpan ArrivalOf(Frame? frame) => frame?.ShownAt is long shown ? PipelineClock.At(shown) : PipelineClock.Now;

    async Task AcceptAsync(Frame frame, TimeSpan arrival, CancellationToken cancellationToken)
    {
        if (FrameCheck.Problem(frame) is string problem)
        {
            await RaiseAsync(FaultKind.CorruptFrame, frame?.Index, $"{_source.Name}: {problem}").ConfigureAwait(false);
            return;
        }
        if (StartsNewRun(frame)) await StartRunAsync(frame, arrival).ConfigureAwait(false);
        _runEnded = frame.EndsRun;
        var live = new LiveFrame(frame, _run, arrival);
        await ShowAsync(live).ConfigureAwait(false);
        TimeSpan handOff = PipelineClock.Now;
        _counters.FrameReceived();
        await _status.FrameArrivedAsync(live).ConfigureAwait(false);
        // Sinks are lossless (never cancelled mid-write); analysis may drop when behind, by its queue's policy.
        await _events.WriteAsync(new FrameReceived(live, handOff), CancellationToken.None).ConfigureAwait(false);
        await _frames.WriteAsync(live, cancellationToken).ConfigureAwait(false);
    }

    bool StartsNewRun(Frame frame) => _runEnded || frame.Series.SeriesInstanceUid != _seriesUid || frame.Index <= _lastIndex;

    async Task StartRunAsync(Frame frame, TimeSpan arrival)
    {
        _run++;
        _seriesUid = frame.Series.SeriesInstanceUid;
        _runSource = frame.Series.SourceName;
        _lastIndex = -1;
        _counters.RunStarted();
        await _events.WriteAsync(new RunStarted(_run, frame.Series, arrival), CancellationToken.None).ConfigureAwait(false);
        if (!frame.Series.IsAngiography)
            await _events.WriteAsync(new SourceNoted($"{frame.Series.SourceName}: WARNING run {_run} is modality '{frame.Series.Modality}', not XA or RF: " +
                "analysed anyway, but the model has only seen angiography runs and its answer for this run means nothing", arrival), CancellationToken.None).ConfigureAwait(false);
        if (_run > 0) await ShowResultClearedAsync().ConfigureAwait(false);
    }

    async Task ShowAsync(LiveFrame live)
    {
        _lastIndex = live.Index;
        try
        {
            _display.ShowFrame(live);
        }
        catch (Exception e)
        {
            await RaiseAsync(FaultKind.Sink, live.Index, $"display failed to show frame {live.Index}: {e.Message}").ConfigureAwait(false);
        }
    }

    async Task ShowResultClearedAsync()
    {
        try
        {
            _display.ShowResult(null);
        }
        catch (Exception e)
        {
            await RaiseAsync(FaultKind.Sink, null, $"display failed to clear the result: {e.Message}").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The source's fault callback: counted and written to the sinks at once. The sink queue is lossless and this runs inside
    /// the source's enumeration, so it must not block: if the queue is full the fault is queued, in order, and written by a
    /// flush that waits for room. Not with the next frame: none may come (a sender waiting to hear of its duplicate, a
    /// broken last file), and a fault parked till then was a wake-up lost.
    /// </summary>
    void ReportNow(SourceFault fault)
    {
        _counters.Fault();
        string where = fault.FrameIndex is int i ? $" frame {i}" : "";
        // The run in progress only when the fault is about its input and the run is still open.
        int? run = _run >= 0 && !_runEnded && fault.SourceName == _runSource ? _run : null;
        SendNow(new FaultRaised(new PipelineFault(FaultKind.CorruptFrame, run, fault.FrameIndex, $"{fault.SourceName}{where}: {fault.Reason}", PipelineClock.Now, fault.SourceName)));
    }

    /// <summary>The source's notice callback (a file taken, waiting, a duplicate): to the sinks at once, like faults.</summary>
    void NoteNow(SourceNotice notice) => SendNow(new SourceNoted($"{notice.SourceName}: {notice.Message}", PipelineClock.Now));

    void SendNow(PipelineEvent pipelineEvent)
    {
        lock (_unsent)
        {
            if (!_flushing && _events.TryWrite(pipelineEvent)) return;
            _unsent.Enqueue(pipelineEvent);
            if (_flushing) return;
            _flushing = true;
            _flush = Task.Run(FlushAsync);
        }
    }

    async Task FlushAsync()
    {
        while (true)
        {
            PipelineEvent? pipelineEvent;
            lock (_unsent)
            {
                if (!_unsent.TryDequeue(out pipelineEvent))
                {
                    _flushing = false;
                    return;
                }
            }
            await _events.WriteAsync(pipelineEvent, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Before a frame's events (and at the end): the faults and notices reported before it go first.</summary>
    Task SendUnsentAsync()
    {
        lock (_unsent) return _flush;
    }

    Task RaiseAsync(FaultKind kind, int? frameIndex, string message) => RaiseAsync(kind, frameIndex, message, _run >= 0 ? _run : null, null);

    async Task RaiseAsync(FaultKind kind, int? frameIndex, string message, int? run, string? sourceName)
    {
        _counters.Fault();
        var fault = new PipelineFault(kind, run, frameIndex, message, PipelineClock.Now, sourceName);
        await _events.WriteAsync(new FaultRaised(fault), CancellationToken.None).ConfigureAwait(false);
    }
}
