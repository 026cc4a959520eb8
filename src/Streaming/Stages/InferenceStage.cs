using System.Threading.Channels;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Inference;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Stages;

/// <summary>
/// Inference stage, on one dedicated thread that alone calls the detector (TorchSharp scopes and inference mode are
/// thread-local; nothing here awaits). Input: prepared frames. Output: managed results in frame order.
/// <para>
/// Every frame is encoded once (the window's history is never lost). A window is complete when its look-ahead frames are
/// encoded; with <see cref="WindowPolicy.NewestWindow"/> only the newest complete window of what was queued is detected and
/// the older ones are passed over (counted), except the windows of a run that arrived whole
/// (<see cref="Capture.Sources.Frame.ArrivedWhole"/>): every one of those is detected. At the end of a run the last windows are detected with the frames there are,
/// as offline, and the run is reported complete (<see cref="RunCompleted"/>). A run ends at its frame marked
/// <see cref="Capture.Sources.Frame.EndsRun"/> (at once, not one look-ahead later), at the next run, or at the end of input.
/// </para>
/// <para>
/// When the detector throws, the window is lost, the fault is reported, and the next window retries: the detector is
/// reset and the kept history (the last window's inputs) is encoded again, so the next result is exactly what it would have
/// been without the fault.
/// </para>
/// </summary>
internal sealed class InferenceStage
{
    readonly IOcclusionDetector detector;
    readonly WindowPolicy policy;
    readonly TemporalWindow window;
    readonly PipelineCounters counters;
    readonly ChannelReader<PreparedFrame> inputs;
    readonly ChannelWriter<InferenceOutput> outputs;
    readonly List<Encoded> history = new();     // the last window's frames of this run, in encode order
    readonly Queue<Encoded> awaiting = new();   // encoded, window not yet detected or passed over
    int run = -1;
    LiveFrame? lastEncoded;                     // of the run in progress; null once the run is complete
    bool needsRebuild;
    CancellationToken cancellation;

    public InferenceStage(IOcclusionDetector detector, WindowPolicy policy, PipelineCounters counters,
        ChannelReader<PreparedFrame> inputs, ChannelWriter<InferenceOutput> outputs)
    {
        this.detector = detector;
        this.policy = policy;
        window = TemporalWindow.Of(detector.Info);
        this.counters = counters;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /// <summary>Starts the inference thread; the task completes when it has drained its input and exited.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Run(done, cancellationToken)) { IsBackground = true, Name = "OccluNet inference" };
        thread.Start();
        return done.Task;
    }

    void Run(TaskCompletionSource done, CancellationToken cancellationToken)
    {
        cancellation = cancellationToken;
        Exception? failure = null;
        try
        {
            while (WaitForInput(cancellationToken))
                ProcessQueued(cancellationToken);
            if (!cancellationToken.IsCancellationRequested) CompleteRun();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: stop at once; what the sinks already have is flushed by the runner.
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            ForgetRun();
            ReleaseCache();
            outputs.TryComplete(failure);
            if (failure is null) done.SetResult();
            else done.SetException(failure);
        }
    }

    /// <summary>Frees the detector's cached features on the thread that made them (the caller keeps the detector).</summary>
    void ReleaseCache()
    {
        try
        {
            detector.Reset();
        }
        catch (Exception)
        {
            // A detector that cannot even reset has already been reported through its failures.
        }
    }

    bool WaitForInput(CancellationToken cancellationToken) =>
        inputs.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Encodes the frames queued now (one with <see cref="WindowPolicy.EveryWindow"/>; frames arriving meanwhile wait for
    /// the next round, so detection is never starved), then detects.
    /// </summary>
    void ProcessQueued(CancellationToken cancellationToken)
    {
        int batch = policy == WindowPolicy.EveryWindow ? 1 : Math.Max(1, inputs.Count);
        for (int i = 0; i < batch && !cancellationToken.IsCancellationRequested && inputs.TryRead(out PreparedFrame? frame); i++)
        {
            if (frame.RunNumber != run) StartRun(frame.RunNumber);
            Encode(frame);
            if (frame.Frame.Frame.EndsRun) CompleteRun();
            if (frame.Frame.Frame.ArrivedWhole) break; // every window of a whole run is detected: one frame at a time, as lossless
        }
        Resolve(endOfRun: false);
    }

    void StartRun(int run)
    {
        CompleteRun();
        ForgetRun();
        this.run = run;
        needsRebuild = true; // a fresh run starts from an empty cache
    }

    /// <summary>Detects the run's remaining windows and reports the run complete (once per run).</summary>
    void CompleteRun()
    {
        if (lastEncoded is not LiveFrame last) return;
        Resolve(endOfRun: true);
        lastEncoded = null;
        Emit(new RunCompleted(last));
    }

    void ForgetRun()
    {
        history.Clear();
        awaiting.Clear();
    }

    void Encode(PreparedFrame frame)
    {
        var encoded = new Encoded(frame, PipelineClock.Now);
        lastEncoded = frame.Frame;
        history.Add(encoded);
        if (history.Count > window.Length) history.RemoveAt(0);
        awaiting.Enqueue(encoded);
        try
        {
            if (needsRebuild) Rebuild();
            else detector.Encode(frame.Index, frame.Input);
            counters.FrameAnalysed();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fail(frame, e);
        }
    }

    /// <summary>Empties the detector's cache and encodes the kept history (the newest frame included) again.</summary>
    void Rebuild()
    {
        detector.Reset();
        foreach (Encoded kept in history)
            detector.Encode(kept.Frame.Index, kept.Frame.Input);
        needsRebuild = false;
    }

    /// <summary>Detects the complete windows (all of them at the end of a run) by the policy; the rest wait for look-ahead.</summary>
    void Resolve(bool endOfRun)
    {
        int complete = endOfRun ? awaiting.Count : awaiting.Count - window.LookAhead;
        if (needsRebuild)
        {
            // The cache is not trustworthy after a failure: these windows are lost (reported with the failure).
            for (; complete > 0; complete--) awaiting.Dequeue();
            return;
        }
        for (; complete > 0; complete--)
        {
            PreparedFrame frame = awaiting.Dequeue().Frame;
            bool newest = complete == 1;
            if (policy == WindowPolicy.NewestWindow && !newest && !frame.Frame.Frame.ArrivedWhole) PassOver(frame);
            else Detect(frame);
            if (needsRebuild)
            {
                Resolve(endOfRun);
                return;
            }
        }
    }

    /// <summary>Runs the window about <paramref name="frame"/>; its trigger is the newest encoded frame, whose encode start is the inference start.</summary>
    void Detect(PreparedFrame frame)
    {
        Encoded trigger = history[^1];
        try
        {
            FrameDetections detections = detector.Detect(frame.Index);
            counters.WindowDetected();
            Emit(new WindowDetected(frame, trigger.Frame, detections, trigger.EncodeStart, PipelineClock.Now));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fail(frame, e);
        }
    }

    void PassOver(PreparedFrame frame)
    {
        counters.WindowSkipped();
        Emit(new WindowPassedOver(frame.Frame));
    }

    void Fail(PreparedFrame frame, Exception e)
    {
        needsRebuild = true;
        counters.InferenceFailed();
        Emit(new InferenceFailed(frame.Frame, $"{e.GetType().Name}: {e.Message}", PipelineClock.Now));
    }

    void Emit(InferenceOutput output)
    {
        if (!outputs.TryWrite(output)) outputs.WriteAsync(output, cancellation).AsTask().GetAwaiter().GetResult();
    }

    sealed record Encoded(PreparedFrame Frame, TimeSpan EncodeStart);
}
