using System.Threading.Channels;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Stages;

namespace OccluNet.Live.Streaming;

/// <summary>
/// The live graph. <see cref="Compose"/> reads like the diagram in docs/streaming.md:
/// <code>
/// source ──► display (each frame at once)
///    │  └──► sinks: recorder, audit, console (every event, in order)
///    └─[frames]─► preprocess ─[inputs]─► inference (own thread) ─[results]─► trajectory ──► display (newest result)
///                                                                                     └──► sinks
/// </code>
/// The live image never waits for the model: the display gets each frame before analysis starts, and results follow,
/// tagged with their frame. <see cref="RunAsync"/> runs one pass over the source.
/// </summary>
internal sealed class StreamingPipeline
{
    readonly SourceStage source;
    readonly PreprocessStage preprocess;
    readonly InferenceStage inference;
    readonly TrajectoryStage trajectory;
    readonly SinkStage sinks;
    readonly StatusMonitor status;
    readonly ChannelWriter<PipelineEvent> events;
    int started;

    StreamingPipeline(SourceStage source, PreprocessStage preprocess, InferenceStage inference, TrajectoryStage trajectory,
        SinkStage sinks, StatusMonitor status, ChannelWriter<PipelineEvent> events, PipelineCounters counters)
    {
        this.source = source;
        this.preprocess = preprocess;
        this.inference = inference;
        this.trajectory = trajectory;
        this.sinks = sinks;
        this.status = status;
        this.events = events;
        Counters = counters;
    }

    /// <summary>Live totals (frames, skipped windows, drops, faults), readable from any thread while it runs.</summary>
    public PipelineCounters Counters { get; }

    /// <summary>The latest status (also pushed to the display and the sinks when it changes).</summary>
    public PipelineStatus Status => status.Current;

    /// <summary>
    /// Builds the graph. The pipeline drives <paramref name="detector"/> from its inference thread only, and does not
    /// dispose it. <paramref name="display"/> may be null (headless).
    /// </summary>
    public static StreamingPipeline Compose(IFrameSource source, IInputPreparer preparer, IOcclusionDetector detector,
        PipelineOptions options, IDisplaySink? display, IReadOnlyList<IPipelineSink> sinks)
    {
        options.Validate();
        display ??= new NoDisplay();
        var counters = new PipelineCounters();
        var frames = BoundedQueue.Create<LiveFrame>(options.FrameQueue, _ => counters.FrameDropped());
        var inputs = BoundedQueue.Create<PreparedFrame>(options.InputQueue, _ => counters.FrameDropped());
        var results = BoundedQueue.Create<InferenceOutput>(options.ResultQueue);
        var events = BoundedQueue.Create<PipelineEvent>(options.SinkQueue);
        var status = new StatusMonitor(options, display, events.Writer, counters, source as ISignalSource);
        return new StreamingPipeline(
            new SourceStage(source, display, status, counters, BoundedQueue.Writer(frames, options.FrameQueue, f => f.Frame.ArrivedWhole), events.Writer),
            new PreprocessStage(preparer, counters, frames.Reader, BoundedQueue.Writer(inputs, options.InputQueue, p => p.Frame.Frame.ArrivedWhole), events.Writer),
            new InferenceStage(detector, options.Windows, counters, inputs.Reader, results.Writer),
            new TrajectoryStage(options.Trajectories, display, status, counters, results.Reader, events.Writer),
            new SinkStage(sinks, counters, events.Reader),
            status, events.Writer, counters);
    }

    /// <summary>
    /// Runs the source to its end (or until <paramref name="cancellationToken"/> fires), then drains every queue, flushes and
    /// closes the sinks, and returns the totals. Cancellation is a clean shutdown, not an error: the summary says so.
    /// A stage that fails unexpectedly is rethrown after the sinks have been closed.
    /// </summary>
    public async Task<PipelineSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref started, 1) != 0) throw new InvalidOperationException("a pipeline runs once; compose a new one");
        TimeSpan start = PipelineClock.Now;
        using var stopMonitor = new CancellationTokenSource();
        // A stage that fails stops the source and the inference thread, so nobody waits on a queue no one reads.
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task monitor = status.RunAsync(stopMonitor.Token);
        Task sinks = this.sinks.RunAsync();
        Task stages = Task.WhenAll(
            AbortOnFailure(source.RunAsync(abort.Token), abort),
            AbortOnFailure(preprocess.RunAsync(abort.Token), abort),
            AbortOnFailure(inference.RunAsync(abort.Token), abort),
            AbortOnFailure(trajectory.RunAsync(), abort));
        Exception? failure = await CompletionOf(stages).ConfigureAwait(false);
        stopMonitor.Cancel();
        await monitor.ConfigureAwait(false);
        events.TryComplete();
        await sinks.ConfigureAwait(false);
        PipelineSummary summary = Counters.Summarise(cancellationToken.IsCancellationRequested, PipelineClock.Now - start);
        this.sinks.Complete(summary);
        if (failure is not null) throw new InvalidOperationException($"the pipeline failed: {failure.Message}", failure);
        return summary;
    }

    static async Task AbortOnFailure(Task stage, CancellationTokenSource abort)
    {
        try
        {
            await stage.ConfigureAwait(false);
        }
        catch (Exception) when (!abort.IsCancellationRequested)
        {
            abort.Cancel();
            throw;
        }
    }

    static async Task<Exception?> CompletionOf(Task stages)
    {
        try
        {
            await stages.ConfigureAwait(false);
            return null;
        }
        catch (Exception) when (stages.Exception is AggregateException all)
        {
            return all.InnerExceptions.FirstOrDefault(e => e is not ChannelClosedException) ?? all.InnerExceptions[0];
        }
    }

    sealed class NoDisplay : IDisplaySink
    {
        public void ShowFrame(LiveFrame frame) { }
        public void ShowResult(LiveResult? result) { }
        public void ShowStatus(PipelineStatus status) { }
    }
}
