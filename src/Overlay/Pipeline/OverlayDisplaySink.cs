using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Overlay.Pipeline;

/// <summary>
/// The Streaming pipeline's display, feeding an <see cref="OverlayState"/>: frames, results, run ends and status are
/// translated into the overlay's contract and published at once (no pixel copies). Two things are kept apart: the
/// newest result (its frame's top detection, which fades as it ages) and the run's finding (the best trajectory so far,
/// which stays until the next run starts; at the run's end it becomes the run's final answer and a view of that moment is
/// queued for its snapshot). Everything is attributed by run: a result or run end of a run other than the one whose
/// frames are shown is not shown (its end view is still queued). The strip's fps comes from frame arrivals and its
/// latency from the latest result. A tiny lock keeps the parts together; nothing here waits on the render loop.
/// </summary>
public sealed class OverlayDisplaySink : IDisplaySink
{
    /// <summary>Frame arrivals kept per run for the finding's age (its newest member's frame).</summary>
    const int ArrivalsKept = 64;

    /// <summary>Shown frames kept per run, so that a result reuses its frame's conversion (results lag by a few frames;
    /// more would keep more pixel buffers alive).</summary>
    const int FramesKept = 8;

    readonly OverlayState state;
    readonly OverlaySinkOptions options;
    readonly Lock gate = new();
    readonly FrameRateMeter frameRate = new();
    /// <summary>What is known of each run not yet ended (normally the shown one and the one before it).</summary>
    readonly Dictionary<int, RunView> runs = new();
    PipelineStatus pipelineStatus = PipelineStatus.Initial;
    double framesPerSecond;
    TimeSpan? latency;
    long skippedWindows;
    int? frameIndex;
    int? shownRun;
    ReplayControls? playback;

    public OverlayDisplaySink(OverlayState state, OverlaySinkOptions options)
    {
        this.state = state ?? throw new ArgumentNullException(nameof(state));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        PublishStatus();
    }

    /// <summary>A frame of a new run clears the AI panel (newest result and finding): nothing of one run is shown over another's frames.</summary>
    public void ShowFrame(LiveFrame frame)
    {
        lock (gate)
        {
            if (shownRun != frame.RunNumber)
            {
                if (shownRun is not null) ClearAiPanel();
                shownRun = frame.RunNumber;
                foreach (int old in runs.Keys.Where(r => r < frame.RunNumber - 1).ToList()) runs.Remove(old); // never ended (cancelled)
            }
            var shown = OverlayFrame.FromCapture(frame.Frame, frame.Arrival);
            ViewOf(frame.RunNumber).Shown(shown);
            state.PublishFrame(shown);
            framesPerSecond = frameRate.Add(frame.Arrival);
            frameIndex = frame.Index;
        }
        PublishStatus();
    }

    /// <summary>
    /// Shows a result of the run whose frames are shown: its frame's top detection as the newest result, its best
    /// trajectory as the run's finding. A result of another run (one that arrived late) is not shown. Null clears both.
    /// </summary>
    public void ShowResult(LiveResult? result)
    {
        lock (gate)
        {
            if (result is null) ClearAiPanel();
            else if (result.RunNumber != shownRun) return;
            else
            {
                var view = ViewOf(result.RunNumber);
                var frame = view.ShownFrame(result.Frame.Index) ?? OverlayFrame.FromCapture(result.Frame.Frame, result.Frame.Arrival);
                var top = result.Detections.Detections.Count > 0 ? ToDetection(result.Detections.Detections[0]) : null;
                view.Newest = new OverlayResult(frame, top, result.Frame.Arrival, result.RunNumber);
                view.Finding = ToFinding(result.RunNumber, result.Best, view, runEnded: false);
                state.PublishResult(view.Newest);
                state.PublishFinding(view.Finding);
                latency = result.Timings.TrajectoryUpdate - result.Timings.FrameArrival;
                skippedWindows = Math.Max(skippedWindows, result.SkippedWindows);
            }
        }
        PublishStatus();
    }

    /// <summary>
    /// The run's analysis is complete: its final finding (the one the summary line gives) stays on the view, marked as the
    /// run's, when the run is still the one shown; the view at the run's end is queued for its snapshot either way.
    /// </summary>
    public void ShowRunEnded(RunEnded ended)
    {
        lock (gate)
        {
            if (!runs.Remove(ended.RunNumber, out var view)) return;
            var final = ToFinding(ended.RunNumber, ended.Finding, view, runEnded: true);
            if (ended.RunNumber == shownRun) state.PublishFinding(final);
            if (view.LastShown is { } last)
                state.PublishRunEnd(new OverlaySnapshot(last, view.Newest, CurrentStatus() with { FrameIndex = last.Index, Detail = "run ended" }, state.Version, final));
        }
    }

    public void ShowStatus(PipelineStatus status)
    {
        lock (gate)
        {
            pipelineStatus = status;
            skippedWindows = Math.Max(skippedWindows, status.SkippedWindows);
        }
        PublishStatus();
    }

    /// <summary>The replay driver's playback settings, shown in the strip (null: none shown).</summary>
    public void ShowPlayback(ReplayControls? controls)
    {
        lock (gate) playback = controls;
        PublishStatus();
    }

    RunView ViewOf(int run)
    {
        if (!runs.TryGetValue(run, out var view)) runs[run] = view = new RunView();
        return view;
    }

    void ClearAiPanel()
    {
        state.PublishResult(null);
        state.PublishFinding(null);
        latency = null;
        frameRate.Clear();
    }

    /// <summary>The best trajectory as the run's finding: its representative box, its last centres, its frames and how old its newest member is.</summary>
    OverlayFinding? ToFinding(int run, Trajectory? best, RunView view, bool runEnded)
    {
        if (best is null) return null;
        return OverlayFinding.Of(run, best, options.PathLength, options.ClassName, view.ArrivalOf(best.LastFrame), runEnded);
    }

    OverlayDetection ToDetection(Domain.Detection d) => new(d.Box, options.ClassName(d.ClassId), d.Score);

    OverlayStatus CurrentStatus()
    {
        var (ai, detail) = Translate(pipelineStatus);
        return new OverlayStatus(ai, options.Detector.ModelId, options.Detector.Device, frameIndex, framesPerSecond,
            latency, (int)Math.Min(int.MaxValue, skippedWindows), options.IsReplay, detail, playback);
    }

    void PublishStatus()
    {
        OverlayStatus status;
        lock (gate) status = CurrentStatus();
        state.PublishStatus(status);
    }

    /// <summary>The pipeline's source and AI states as the strip's one state, with the reason beside it.</summary>
    static (AiState State, string? Detail) Translate(PipelineStatus status) => status.Source switch
    {
        SourceState.WaitingForFrames => (AiState.Starting, null),
        SourceState.SignalLost => (AiState.Starting, "video signal lost"),
        SourceState.Ended => (status.Ai, status.Detail is null ? "source ended" : $"source ended; {status.Detail}"),
        _ => status.Ai == AiState.Starting ? (AiState.Starting, "window filling") : (status.Ai, status.Detail),
    };

    /// <summary>One run as shown: its last frame, newest result, finding, and the arrivals of its recent frames.</summary>
    sealed class RunView
    {
        readonly Dictionary<int, TimeSpan> arrivals = new();
        readonly Queue<OverlayFrame> recent = new();
        TimeSpan lastArrival;

        public OverlayFrame? LastShown { get; private set; }
        public OverlayResult? Newest { get; set; }
        public OverlayFinding? Finding { get; set; }

        public void Shown(OverlayFrame frame)
        {
            LastShown = frame;
            lastArrival = frame.ReceivedAt;
            arrivals[frame.Index] = frame.ReceivedAt;
            if (arrivals.Count > ArrivalsKept) arrivals.Remove(arrivals.Keys.Min());
            recent.Enqueue(frame);
            if (recent.Count > FramesKept) recent.Dequeue();
        }

        /// <summary>Frame <paramref name="index"/> as it was shown, while it is one of the last few; else null.</summary>
        public OverlayFrame? ShownFrame(int index) => recent.LastOrDefault(f => f.Index == index);

        /// <summary>When frame <paramref name="index"/> arrived (the newest arrival when it is no longer kept).</summary>
        public TimeSpan ArrivalOf(int index) => arrivals.TryGetValue(index, out var at) ? at : lastArrival;
    }
}
