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
    readonly object _gate = new();
    readonly PipelineOptions _options;
    readonly IDisplaySink _display;
    readonly ChannelWriter<PipelineEvent> _events;
    readonly PipelineCounters _counters;
    readonly ISignalSource? _signal;
    TimeSpan? _lastArrival;
    int? _lastFrameIndex;
    int _run = -1;
    TimeSpan _runStart;
    LiveResult? _lastResult;
    string? _failure;
    bool _ended;
    PipelineStatus _published = PipelineStatus.Initial;

    public StatusMonitor(PipelineOptions options, IDisplaySink display, ChannelWriter<PipelineEvent> events, PipelineCounters counters, ISignalSource? signal = null)
    {
        _signal = signal;
        _options = options;
        _display = display;
        _events = events;
        _counters = counters;
    }

    public PipelineStatus Current
    {
        get { lock (_gate) return _published; }
    }

    /// <summary>The run whose frames the display shows now; results of older runs are recorded but not shown.</summary>
    public int CurrentRun
    {
        get { lock (_gate) return _run; }
    }

    public ValueTask FrameArrivedAsync(LiveFrame frame) => ChangeAsync(() =>
    {
        if (frame.RunNumber != _run)
        {
            _run = frame.RunNumber;
            _runStart = frame.Arrival;
            _lastResult = null;
        }
        _lastArrival = frame.Arrival;
        _lastFrameIndex = frame.Index;
    });

    public ValueTask ResultAsync(LiveResult result) => ChangeAsync(() =>
    {
        _failure = null;
        if (result.Frame.RunNumber == _run) _lastResult = result;
    });

    public ValueTask InferenceFailedAsync(string message) => ChangeAsync(() => _failure = message);

    public ValueTask SourceEndedAsync() => ChangeAsync(() => _ended = true);

    /// <summary>Re-checks the time-based conditions until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.StatusCheckInterval);
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
        lock (_gate)
        {
            change();
            PipelineStatus next = Compute(now);
            AssertInvariants();
            if (!SameState(next, _published))
            {
                _published = next;
                changed = next;
            }
        }
        if (changed is null) return;
        try
        {
            _display.ShowStatus(changed);
        }
        catch (Exception e)
        {
            _counters.Fault();
            await _events.WriteAsync(new FaultRaised(new PipelineFault(FaultKind.Sink, null, null, $"display failed to show the status: {e.Message}", now))).ConfigureAwait(false);
        }
        await _events.WriteAsync(new StatusChanged(changed, now)).ConfigureAwait(false);
    }

    PipelineStatus Compute(TimeSpan now)
    {
        SourceState source = _ended ? SourceState.Ended
            : _signal?.SignalLost == true ? SourceState.SignalLost
            : _lastArrival is TimeSpan last && now - last <= _options.StallTimeout ? SourceState.Receiving
            : SourceState.WaitingForFrames;
        (AiState ai, string? detail) = ComputeAi(now);
        return new PipelineStatus(source, ai, _lastFrameIndex, _lastResult?.FrameIndex, _counters.WindowsSkipped, detail);
    }

    (AiState, string?) ComputeAi(TimeSpan now)
    {
        if (_failure is not null) return (AiState.Unavailable, _failure);
        if (_lastResult is LiveResult r)
        {
            bool newerShown = _lastFrameIndex != r.FrameIndex;
            return newerShown && r.AgeAt(now) > _options.StaleAfter
                ? (AiState.Stale, $"newest result is for frame {r.FrameIndex}")
                : (AiState.Running, null);
        }
        return _run >= 0 && now - _runStart > _options.StaleAfter
            ? (AiState.Stale, "no result yet in this run")
            : (AiState.Starting, null);
    }

    static bool SameState(PipelineStatus a, PipelineStatus b) => a.Source == b.Source && a.Ai == b.Ai && a.Detail == b.Detail;

    [Conditional("DEBUG")]
    void AssertInvariants()
    {
        Debug.Assert(Monitor.IsEntered(_gate), "The status is computed under the gate.");
        Debug.Assert(_lastResult is null || _lastResult.Frame.RunNumber == _run, "The last result belongs to the run being shown.");
    }
}
