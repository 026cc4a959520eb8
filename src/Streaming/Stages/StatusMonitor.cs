using System.Diagnostics;
using System.Threading.Channels;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Stages;

/// <summary>
/// Owns the status: the stages report frames, results, failures and the end of the source; a periodic check adds the
/// conditions that only time reveals (no frame for <see cref="PipelineOptions.StallTimeout"/>: "waiting for frames"; a
/// result older than <see cref="PipelineOptions.StaleAfter"/>: "stale"). A change is handed to the display and to the sinks.
/// </summary>
internal sealed class StatusMonitor
{
    readonly object gate = new();
    readonly PipelineOptions options;
    readonly IDisplaySink display;
    readonly ChannelWriter<PipelineEvent> events;
    readonly PipelineCounters counters;
    readonly ISignalSource? signal;
    TimeSpan? lastArrival;
    int? lastFrameIndex;
    int run = -1;
    TimeSpan runStart;
    LiveResult? lastResult;
    string? failure;
    bool ended;
    PipelineStatus published = PipelineStatus.Initial;

    public StatusMonitor(PipelineOptions options, IDisplaySink display, ChannelWriter<PipelineEvent> events, PipelineCounters counters, ISignalSource? signal = null)
    {
        this.signal = signal;
        this.options = options;
        this.display = display;
        this.events = events;
        this.counters = counters;
    }

    public PipelineStatus Current
    {
        get { lock (gate) return published; }
    }

    /// <summary>The run whose frames the display shows now; results of older runs are recorded but not shown.</summary>
    public int CurrentRun
    {
        get { lock (gate) return run; }
    }

    public ValueTask FrameArrivedAsync(LiveFrame frame) => ChangeAsync(() =>
    {
        if (frame.RunNumber != run)
        {
            run = frame.RunNumber;
            runStart = frame.Arrival;
            lastResult = null;
        }
        lastArrival = frame.Arrival;
        lastFrameIndex = frame.Index;
    });

    public ValueTask ResultAsync(LiveResult result) => ChangeAsync(() =>
    {
        failure = null;
        if (result.Frame.RunNumber == run) lastResult = result;
    });

    public ValueTask InferenceFailedAsync(string message) => ChangeAsync(() => failure = message);

    public ValueTask SourceEndedAsync() => ChangeAsync(() => ended = true);

    /// <summary>Re-checks the time-based conditions until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.StatusCheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
                await ChangeAsync(static () => { }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The runner stops the monitor after the last stage has finished.
        }
    }

    async ValueTask ChangeAsync(Action change)
    {
        PipelineStatus? changed = null;
        TimeSpan now = PipelineClock.Now;
        lock (gate)
        {
            change();
            PipelineStatus next = Compute(now);
            AssertInvariants();
            if (!SameState(next, published))
            {
                published = next;
                changed = next;
            }
        }
        if (changed is null) return;
        try
        {
            display.ShowStatus(changed);
        }
        catch (Exception e)
        {
            counters.Fault();
            await events.WriteAsync(new FaultRaised(new PipelineFault(FaultKind.Sink, null, null, $"display failed to show the status: {e.Message}", now))).ConfigureAwait(false);
        }
        await events.WriteAsync(new StatusChanged(changed, now)).ConfigureAwait(false);
    }

    PipelineStatus Compute(TimeSpan now)
    {
        SourceState source = ended ? SourceState.Ended
            : signal?.SignalLost == true ? SourceState.SignalLost
            : lastArrival is TimeSpan last && now - last <= options.StallTimeout ? SourceState.Receiving
            : SourceState.WaitingForFrames;
        (AiState ai, string? detail) = ComputeAi(now);
        return new PipelineStatus(source, ai, lastFrameIndex, lastResult?.FrameIndex, counters.WindowsSkipped, detail);
    }

    (AiState, string?) ComputeAi(TimeSpan now)
    {
        if (failure is not null) return (AiState.Unavailable, failure);
        if (lastResult is LiveResult r)
        {
            bool newerShown = lastFrameIndex != r.FrameIndex;
            return newerShown && r.AgeAt(now) > options.StaleAfter
                ? (AiState.Stale, $"newest result is for frame {r.FrameIndex}")
                : (AiState.Running, null);
        }
        return run >= 0 && now - runStart > options.StaleAfter
            ? (AiState.Stale, "no result yet in this run")
            : (AiState.Starting, null);
    }

    static bool SameState(PipelineStatus a, PipelineStatus b) => a.Source == b.Source && a.Ai == b.Ai && a.Detail == b.Detail;

    [Conditional("DEBUG")]
    void AssertInvariants()
    {
        Debug.Assert(Monitor.IsEntered(gate), "The status is computed under the gate.");
        Debug.Assert(lastResult is null || lastResult.Frame.RunNumber == run, "The last result belongs to the run being shown.");
    }
}
