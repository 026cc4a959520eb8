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
    readonly IFrameSource source;
    readonly IDisplaySink display;
    readonly StatusMonitor status;
    readonly PipelineCounters counters;
    readonly ChannelWriter<LiveFrame> frames;
    readonly ChannelWriter<PipelineEvent> events;
    readonly Queue<PipelineEvent> unsent = new(); // only when the sink queue was full at the moment of a fault or notice
    bool flushing; // a flush of unsent is under way (guarded by unsent); while it is, nothing overtakes it
    Task flush = Task.CompletedTask;
    string? seriesUid;
    int lastIndex = -1;
    bool runEnded;
    string? runSource;
    int run = -1;

    public SourceStage(IFrameSource source, IDisplaySink display, StatusMonitor status, PipelineCounters counters,
        ChannelWriter<LiveFrame> frames, ChannelWriter<PipelineEvent> events)
    {
        this.source = source;
        this.display = display;
        this.status = status;
        this.counters = counters;
        this.frames = frames;
        this.events = events;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            await foreach (Frame frame in source.ReadAsync(ReportNow, NoteNow, cancellationToken).ConfigureAwait(false))
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
            await RaiseAsync(FaultKind.SourceFailed, null, $"source {source.Name} failed: {e.Message}").ConfigureAwait(false);
        }
        finally
        {
            await SendUnsentAsync().ConfigureAwait(false);
            frames.TryComplete(failure);
            await status.SourceEndedAsync().ConfigureAwait(false);
        }
    }

    /// <summary>When the frame was first seen (a video source), else now. A null frame is refused later by <see cref="FrameCheck"/>.</summary>
    static TimeSpan ArrivalOf(Frame? frame) => frame?.ShownAt is long shown ? PipelineClock.At(shown) : PipelineClock.Now;

    async Task AcceptAsync(Frame frame, TimeSpan arrival, CancellationToken cancellationToken)
    {
        if (FrameCheck.Problem(frame) is string problem)
        {
            await RaiseAsync(FaultKind.CorruptFrame, frame?.Index, $"{source.Name}: {problem}").ConfigureAwait(false);
            return;
        }
        if (StartsNewRun(frame)) await StartRunAsync(frame, arrival).ConfigureAwait(false);
        runEnded = frame.EndsRun;
        var live = new LiveFrame(frame, run, arrival);
        await ShowAsync(live).ConfigureAwait(false);
        TimeSpan handOff = PipelineClock.Now;
        counters.FrameReceived();
        await status.FrameArrivedAsync(live).ConfigureAwait(false);
        // Sinks are lossless (never cancelled mid-write); analysis may drop when behind, by its queue's policy.
        await events.WriteAsync(new FrameReceived(live, handOff), CancellationToken.None).ConfigureAwait(false);
        await frames.WriteAsync(live, cancellationToken).ConfigureAwait(false);
    }

    bool StartsNewRun(Frame frame) => runEnded || frame.Series.SeriesInstanceUid != seriesUid || frame.Index <= lastIndex;

    async Task StartRunAsync(Frame frame, TimeSpan arrival)
    {
        run++;
        seriesUid = frame.Series.SeriesInstanceUid;
        runSource = frame.Series.SourceName;
        lastIndex = -1;
        counters.RunStarted();
        await events.WriteAsync(new RunStarted(run, frame.Series, arrival), CancellationToken.None).ConfigureAwait(false);
        if (!frame.Series.IsAngiography)
            await events.WriteAsync(new SourceNoted($"{frame.Series.SourceName}: WARNING run {run} is modality '{frame.Series.Modality}', not XA or RF: " +
                "analysed anyway, but the model has only seen angiography runs and its answer for this run means nothing", arrival), CancellationToken.None).ConfigureAwait(false);
        if (run > 0) await ShowResultClearedAsync().ConfigureAwait(false);
    }

    async Task ShowAsync(LiveFrame live)
    {
        lastIndex = live.Index;
        try
        {
            display.ShowFrame(live);
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
            display.ShowResult(null);
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
        counters.Fault();
        string where = fault.FrameIndex is int i ? $" frame {i}" : "";
        // The run in progress only when the fault is about its input and the run is still open.
        int? run = this.run >= 0 && !runEnded && fault.SourceName == runSource ? this.run : null;
        SendNow(new FaultRaised(new PipelineFault(FaultKind.CorruptFrame, run, fault.FrameIndex, $"{fault.SourceName}{where}: {fault.Reason}", PipelineClock.Now, fault.SourceName)));
    }

    /// <summary>The source's notice callback (a file taken, waiting, a duplicate): to the sinks at once, like faults.</summary>
    void NoteNow(SourceNotice notice) => SendNow(new SourceNoted($"{notice.SourceName}: {notice.Message}", PipelineClock.Now));

    void SendNow(PipelineEvent pipelineEvent)
    {
        lock (unsent)
        {
            if (!flushing && events.TryWrite(pipelineEvent)) return;
            unsent.Enqueue(pipelineEvent);
            if (flushing) return;
            flushing = true;
            flush = Task.Run(FlushAsync);
        }
    }

    async Task FlushAsync()
    {
        while (true)
        {
            PipelineEvent? pipelineEvent;
            lock (unsent)
            {
                if (!unsent.TryDequeue(out pipelineEvent))
                {
                    flushing = false;
                    return;
                }
            }
            await events.WriteAsync(pipelineEvent, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Before a frame's events (and at the end): the faults and notices reported before it go first.</summary>
    Task SendUnsentAsync()
    {
        lock (unsent) return flush;
    }

    Task RaiseAsync(FaultKind kind, int? frameIndex, string message) => RaiseAsync(kind, frameIndex, message, run >= 0 ? run : null, null);

    async Task RaiseAsync(FaultKind kind, int? frameIndex, string message, int? run, string? sourceName)
    {
        counters.Fault();
        var fault = new PipelineFault(kind, run, frameIndex, message, PipelineClock.Now, sourceName);
        await events.WriteAsync(new FaultRaised(fault), CancellationToken.None).ConfigureAwait(false);
    }
}
