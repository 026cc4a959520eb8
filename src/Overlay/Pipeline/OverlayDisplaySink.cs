using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Overlay.Replay;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Trajectories;
using AiState = OccluNet.Live.Overlay.Contract.AiState;
using PipelineAi = OccluNet.Live.Streaming.Pipeline.AiState;

namespace OccluNet.Live.Overlay.Pipeline;

/// <summary>
/// The Streaming pipeline's display, feeding an <see cref="OverlayState"/>: frames, results and status are translated
/// into the overlay's contract and published at once (no pixel copies). The strip's fps comes from frame arrivals and
/// its latency from the latest result (frame arrival to trajectory update). A tiny lock keeps the status parts
/// together; nothing here waits on the render loop.
/// </summary>
public sealed class OverlayDisplaySink : IDisplaySink
{
    readonly OverlayState state;
    readonly OverlaySinkOptions options;
    readonly Lock gate = new();
    readonly FrameRateMeter frameRate = new();
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

    /// <summary>A frame of a new run clears the AI panel: nothing of one run is shown over another's frames.</summary>
    public void ShowFrame(LiveFrame frame)
    {
        lock (gate)
        {
            if (shownRun != frame.RunNumber)
            {
                if (shownRun is not null) ClearResult();
                shownRun = frame.RunNumber;
            }
            state.PublishFrame(OverlayFrame.FromCapture(frame.Frame, frame.Arrival));
            framesPerSecond = frameRate.Add(frame.Arrival);
            frameIndex = frame.Index;
        }
        PublishStatus();
    }

    /// <summary>Shows a result of the run whose frames are shown; a result of another run (one that arrived late) is not shown.</summary>
    public void ShowResult(LiveResult? result)
    {
        lock (gate)
        {
            if (result is null) ClearResult();
            else if (result.RunNumber != shownRun) return;
            else
            {
                var frame = OverlayFrame.FromCapture(result.Frame.Frame, result.Frame.Arrival);
                state.PublishResult(new OverlayResult(frame, ToTrajectory(result.Best, result.FrameIndex), result.Frame.Arrival));
                latency = result.Timings.TrajectoryUpdate - result.Timings.FrameArrival;
                skippedWindows = Math.Max(skippedWindows, result.SkippedWindows);
            }
        }
        PublishStatus();
    }

    void ClearResult()
    {
        state.PublishResult(null);
        latency = null;
        frameRate.Clear();
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

    /// <summary>
    /// The best trajectory as drawn on the result's frame: its box in that frame when it has a member there, else its
    /// representative (highest-confidence) box; the path is its last centres up to that frame.
    /// </summary>
    OverlayTrajectory? ToTrajectory(Trajectory? best, int frameIndex)
    {
        if (best is null) return null;
        var shown = best.PointAt(frameIndex) ?? best.Peak;
        var centres = best.Points.Where(p => p.FrameIndex <= frameIndex).TakeLast(options.PathLength)
            .Select(p => (p.CenterX, p.CenterY)).ToArray();
        return new OverlayTrajectory(shown.Detection.Box, centres, options.ClassName(best.ClassId), shown.Detection.Score);
    }

    void PublishStatus()
    {
        OverlayStatus status;
        lock (gate)
        {
            var (ai, detail) = Translate(pipelineStatus);
            status = new OverlayStatus(ai, options.Detector.ModelId, options.Detector.Device, frameIndex, framesPerSecond,
                latency, (int)Math.Min(int.MaxValue, skippedWindows), options.IsReplay, detail, playback);
        }
        state.PublishStatus(status);
    }

    /// <summary>The pipeline's source and AI states as the strip's one state, with the reason beside it.</summary>
    static (AiState State, string? Detail) Translate(PipelineStatus status) => status.Source switch
    {
        SourceState.WaitingForFrames => (AiState.WaitingForFrames, null),
        SourceState.Ended => (Translate(status.Ai), status.Detail is null ? "source ended" : $"source ended; {status.Detail}"),
        _ => status.Ai == PipelineAi.Starting ? (AiState.WaitingForFrames, "window filling") : (Translate(status.Ai), status.Detail),
    };

    static AiState Translate(PipelineAi ai) => ai switch
    {
        PipelineAi.Running => AiState.Running,
        PipelineAi.Stale => AiState.Stale,
        PipelineAi.Unavailable => AiState.Unavailable,
        _ => AiState.WaitingForFrames,
    };
}
