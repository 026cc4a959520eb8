using System.Threading.Channels;
using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Streaming.Stages;

/// <summary>
/// Trajectory stage. Input: inference results in frame order. Outputs: the display (the newest result of the run being
/// shown) and the sinks (every result, skip and inference fault). Maps boxes to image pixels with the frame's letterbox and
/// feeds the run's <see cref="TrajectoryTracker"/> one frame at a time, so that with nothing skipped the best trajectory is
/// exactly the offline one. A passed-over window is a frame without detections for the tracker, as offline treats a gap.
/// When the inference stage reports a run complete, the run's final best trajectory goes out as <see cref="RunEnded"/>
/// (sinks and display), after every result of that run.
/// </summary>
internal sealed class TrajectoryStage
{
    readonly TrajectoryOptions options;
    readonly IDisplaySink display;
    readonly StatusMonitor status;
    readonly PipelineCounters counters;
    readonly ChannelReader<InferenceOutput> results;
    readonly ChannelWriter<PipelineEvent> events;
    TrajectoryTracker? tracker;
    int run = -1;

    public TrajectoryStage(TrajectoryOptions options, IDisplaySink display, StatusMonitor status, PipelineCounters counters,
        ChannelReader<InferenceOutput> results, ChannelWriter<PipelineEvent> events)
    {
        this.options = options;
        this.display = display;
        this.status = status;
        this.counters = counters;
        this.results = results;
        this.events = events;
    }

    public async Task RunAsync()
    {
        await foreach (InferenceOutput output in results.ReadAllAsync().ConfigureAwait(false))
        {
            switch (output)
            {
                case WindowDetected detected:
                    await PublishAsync(Update(detected)).ConfigureAwait(false);
                    break;
                case WindowPassedOver passed:
                    await events.WriteAsync(new WindowSkipped(passed.Frame.RunNumber, passed.Frame.Index, PipelineClock.Now)).ConfigureAwait(false);
                    break;
                case InferenceFailed failed:
                    await ReportAsync(failed).ConfigureAwait(false);
                    break;
                case RunCompleted completed:
                    await EndRunAsync(completed.Frame).ConfigureAwait(false);
                    break;
            }
        }
    }

    LiveResult Update(WindowDetected detected)
    {
        LiveFrame frame = detected.Prepared.Frame;
        TrajectoryTracker tracker = TrackerFor(frame);
        Letterbox letterbox = detected.Prepared.Letterbox;
        FrameDetections image = letterbox.ToImage(detected.Detections);
        Trajectory? best = tracker.Add(image);
        var timings = new ResultTimings(frame.Arrival, detected.Trigger.Frame.Arrival, detected.Trigger.PreprocessEnd,
            detected.InferenceStart, detected.InferenceEnd, PipelineClock.Now);
        return new LiveResult(frame, detected.Trigger.Index, image, best, letterbox, timings, counters.WindowsSkipped);
    }

    /// <summary>The run's tracker; a new run starts a fresh one with the paper's distances converted to its image pixels.</summary>
    TrajectoryTracker TrackerFor(LiveFrame frame)
    {
        if (tracker is not null && frame.RunNumber == run) return tracker;
        run = frame.RunNumber;
        tracker = new TrajectoryTracker(options.ForImage(frame.Series.Columns, frame.Series.Rows));
        return tracker;
    }

    /// <summary>The run's final answer: its tracker's best (null when no window of the run was detected).</summary>
    async Task EndRunAsync(LiveFrame last)
    {
        Trajectory? finding = tracker is not null && run == last.RunNumber ? tracker.Best : null;
        var ended = new RunEnded(last.RunNumber, last.Series, finding, last.Index, PipelineClock.Now);
        try
        {
            display.ShowRunEnded(ended);
        }
        catch (Exception e)
        {
            counters.Fault();
            var fault = new PipelineFault(FaultKind.Sink, last.RunNumber, null, $"display failed to show the end of run {last.RunNumber}: {e.Message}", PipelineClock.Now);
            await events.WriteAsync(new FaultRaised(fault)).ConfigureAwait(false);
        }
        await events.WriteAsync(ended).ConfigureAwait(false);
    }

    async Task PublishAsync(LiveResult result)
    {
        if (result.Frame.RunNumber == status.CurrentRun) await ShowAsync(result).ConfigureAwait(false);
        TimeSpan handOff = PipelineClock.Now;
        await status.ResultAsync(result).ConfigureAwait(false);
        await events.WriteAsync(new ResultReady(result, handOff)).ConfigureAwait(false);
    }

    async Task ShowAsync(LiveResult result)
    {
        try
        {
            display.ShowResult(result);
        }
        catch (Exception e)
        {
            counters.Fault();
            var fault = new PipelineFault(FaultKind.Sink, result.Frame.RunNumber, result.FrameIndex, $"display failed to show the result of frame {result.FrameIndex}: {e.Message}", PipelineClock.Now);
            await events.WriteAsync(new FaultRaised(fault)).ConfigureAwait(false);
        }
    }

    async Task ReportAsync(InferenceFailed failed)
    {
        await status.InferenceFailedAsync(failed.Message).ConfigureAwait(false);
        var fault = new PipelineFault(FaultKind.Inference, failed.Frame.RunNumber, failed.Frame.Index,
            $"inference failed at frame {failed.Frame.Index} ({failed.Message}); retrying on the next window", failed.At);
        await events.WriteAsync(new FaultRaised(fault)).ConfigureAwait(false);
    }
}
