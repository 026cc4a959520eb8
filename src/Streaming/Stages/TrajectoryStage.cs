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
    readonly TrajectoryOptions _options;
    readonly IDisplaySink _display;
    readonly StatusMonitor _status;
    readonly PipelineCounters _counters;
    readonly ChannelReader<InferenceOutput> _results;
    readonly ChannelWriter<PipelineEvent> _events;
    TrajectoryTracker? _tracker;
    int _run = -1;

    public TrajectoryStage(TrajectoryOptions options, IDisplaySink display, StatusMonitor status, PipelineCounters counters,
        ChannelReader<InferenceOutput> results, ChannelWriter<PipelineEvent> events)
    {
        _options = options;
        _display = display;
        _status = status;
        _counters = counters;
        _results = results;
        _events = events;
    }

    public async Task RunAsync()
    {
        await foreach (InferenceOutput output in _results.ReadAllAsync().ConfigureAwait(false))
        {
            switch (output)
            {
                case WindowDetected detected:
                    await PublishAsync(Update(detected)).ConfigureAwait(false);
                    break;
                case WindowPassedOver passed:
                    await _events.WriteAsync(new WindowSkipped(passed.Frame.RunNumber, passed.Frame.Index, PipelineClock.Now)).ConfigureAwait(false);
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
        return new LiveResult(frame, detected.Trigger.Index, image, best, letterbox, timings, _counters.WindowsSkipped);
    }

    /// <summary>The run's tracker; a new run starts a fresh one with the paper's distances converted to its image pixels.</summary>
    TrajectoryTracker TrackerFor(LiveFrame frame)
    {
        if (_tracker is not null && frame.RunNumber == _run) return _tracker;
        _run = frame.RunNumber;
        _tracker = new TrajectoryTracker(_options.ForImage(frame.Series.Columns, frame.Series.Rows));
        return _tracker;
    }

    /// <summary>The run's final answer: its tracker's best (null when no window of the run was detected).</summary>
    async Task EndRunAsync(LiveFrame last)
    {
        Trajectory? finding = _tracker is not null && _run == last.RunNumber ? _tracker.Best : null;
        var ended = new RunEnded(last.RunNumber, last.Series, finding, last.Index, PipelineClock.Now);
        try
        {
            _display.ShowRunEnded(ended);
        }
        catch (Exception e)
        {
            _counters.Fault();
            var fault = new PipelineFault(FaultKind.Sink, last.RunNumber, null, $"display failed to show the end of run {last.RunNumber}: {e.Message}", PipelineClock.Now);
            await _events.WriteAsync(new FaultRaised(fault)).ConfigureAwait(false);
        }
        await _events.WriteAsync(ended).ConfigureAwait(false);
    }

    async Task PublishAsync(LiveResult result)
    {
        if (result.Frame.RunNumber == _status.CurrentRun) await ShowAsync(result).ConfigureAwait(false);
        TimeSpan handOff = PipelineClock.Now;
        await _status.ResultAsync(result).ConfigureAwait(false);
        await _events.WriteAsync(new ResultReady(result, handOff)).ConfigureAwait(false);
    }

    async Task ShowAsync(LiveResult result)
    {
        try
        {
            _display.ShowResult(result);
        }
        catch (Exception e)
        {
            _counters.Fault();
            var fault = new PipelineFault(FaultKind.Sink, result.Frame.RunNumber, result.FrameIndex, $"display failed to show the result of frame {result.FrameIndex}: {e.Message}", PipelineClock.Now);
            await _events.WriteAsync(new FaultRaised(fault)).ConfigureAwait(false);
        }
    }

    async Task ReportAsync(InferenceFailed failed)
    {
        await _status.InferenceFailedAsync(failed.Message).ConfigureAwait(false);
        var fault = new PipelineFault(FaultKind.Inference, failed.Frame.RunNumber, failed.Frame.Index,
            $"inference failed at frame {failed.Frame.Index} ({failed.Message}); retrying on the next window", failed.At);
        await _events.WriteAsync(new FaultRaised(fault)).ConfigureAwait(false);
    }
}
