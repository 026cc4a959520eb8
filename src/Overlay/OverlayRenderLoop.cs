using System.Threading.Channels;
using OccluNet.Live.Overlay.Context;
using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Overlay.Rendering;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Overlay.Replay;
using OccluNet.Live.Overlay.Snapshots;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Overlay;

/// <summary>
/// The overlay's render loop on its own thread (started by <see cref="Start"/>; OpenGL contexts belong to one
/// thread). It reads <see cref="OverlayState"/> at its own rate, independent of the 2-4 fps frame rate, draws when
/// something changed (a window every tick), writes snapshots, and turns keys into <see cref="Commands"/>.
/// Besides a snapshot per (Nth) live frame it writes one per ended run, of the view at the run's end (its last frame with
/// its final finding), named after that frame with "_run-end", so the last picture of every run shows its answer.
/// C clears the run's finding from the view (until a different finding or the next run).
/// It ends on cancellation, Q/Esc or closing the window; <see cref="Completion"/> carries a context failure.
/// </summary>
public sealed class OverlayRenderLoop : IDisposable
{
    readonly OverlayState state;
    readonly OverlayLoopOptions options;
    readonly CancellationTokenSource stop;
    readonly Channel<ReplayCommand> commands = Channel.CreateBounded<ReplayCommand>(
        new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false, SingleWriter = true });
    readonly TaskCompletionSource<string> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Thread thread;
    RenderedView? lastView;
    RenderedView? lastRunEndView;
    long lastDrawnVersion = -1;
    volatile bool aiMarksHidden;
    volatile bool clearFindingAsked;
    (int Run, int FirstFrame)? clearedFinding; // render thread only
    TaskCompletionSource drawn = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly List<string> snapshots = new();

    OverlayRenderLoop(OverlayState state, OverlayLoopOptions options, CancellationToken cancellationToken)
    {
        this.state = state;
        this.options = options;
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        thread = new Thread(Run) { Name = "overlay-render", IsBackground = true };
    }

    public static OverlayRenderLoop Start(OverlayState state, OverlayLoopOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var loop = new OverlayRenderLoop(state, options, cancellationToken);
        loop.thread.Start();
        return loop;
    }

    /// <summary>Keyboard commands for the replay driver (window mode only), newest kept when nobody reads.</summary>
    public ChannelReader<ReplayCommand> Commands => commands.Reader;

    /// <summary>The context's description once it is made, plus why it is not the one asked for.</summary>
    public Task<string> Ready => ready.Task;

    public Task Completion => completion.Task;

    /// <summary>The last view drawn (for status checks and summaries).</summary>
    public RenderedView? LastView => Volatile.Read(ref lastView);

    /// <summary>The view drawn for the latest run-end snapshot (what its PNG shows), or null.</summary>
    public RenderedView? LastRunEndView => Volatile.Read(ref lastRunEndView);

    /// <summary>The snapshot files written so far, in order.</summary>
    public IReadOnlyList<string> Snapshots { get { lock (snapshots) return snapshots.ToArray(); } }

    public void Stop() => stop.Cancel();

    /// <summary>
    /// Completes once a view showing live frame <paramref name="frameIndex"/> or a later one has been drawn (and its
    /// snapshot written): lets an as-fast-as-possible replay keep every snapshot. Fails when the loop has ended.
    /// </summary>
    public async Task WaitForFrameDrawnAsync(int frameIndex, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = Volatile.Read(ref drawn).Task;
            if (LastView?.LiveFrameIndex >= frameIndex) return;
            if (Completion.IsCompleted)
            {
                await Completion.ConfigureAwait(false);
                throw new InvalidOperationException($"the overlay stopped before frame {frameIndex} was drawn");
            }
            await Task.WhenAny(next, Completion).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Completes once everything published so far (by state version) has been drawn, snapshot included. Unlike
    /// <see cref="WaitForFrameDrawnAsync"/> it also holds when the frame index went back (a loop, a step back, the next
    /// run of a folder). Fails when the loop has ended.
    /// </summary>
    public async Task WaitForPublishedDrawnAsync(CancellationToken cancellationToken)
    {
        long target = state.Read().Version;
        while (true)
        {
            var next = Volatile.Read(ref drawn).Task;
            if (Interlocked.Read(ref lastDrawnVersion) >= target) return;
            if (Completion.IsCompleted)
            {
                await Completion.ConfigureAwait(false);
                throw new InvalidOperationException($"the overlay stopped before state version {target} was drawn");
            }
            await Task.WhenAny(next, Completion).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    void Run()
    {
        try
        {
            var choice = GlContextFactory.Create(options.Headless, options.Width, options.Height, options.Title);
            using var context = choice.Context;
            ready.TrySetResult(choice.Notes is null ? context.Description : $"{context.Description}; {choice.Notes}");
            context.KeyPressed = OnKey;
            using var renderer = new OverlayRenderer(context.Gl, options.Render);
            Loop(context, renderer);
            completion.TrySetResult();
        }
        catch (Exception e)
        {
            ready.TrySetException(e);
            completion.TrySetException(e);
        }
        finally
        {
            commands.Writer.TryComplete();
        }
    }

    void Loop(IGlContext context, OverlayRenderer renderer)
    {
        var writer = options.SnapshotDirectory is null ? null : new SnapshotWriter(options.SnapshotDirectory, options.SnapshotEveryNth);
        var period = TimeSpan.FromSeconds(1.0 / options.RenderHz);
        long drawnVersion = -1;
        OverlayFrame? shownLive = null;
        int pass = 0; // bumped when the live index goes back (loop, step back, next run): snapshots never overwrite
        var recentPasses = new List<(OverlayFrame Frame, int Pass)>(); // the pass each recent live frame was shown in
        var ended = new List<OverlaySnapshot>();
        while (!stop.IsCancellationRequested)
        {
            var started = PipelineClock.Now;
            context.PollEvents();
            if (context.CloseRequested) { commands.Writer.TryWrite(ReplayCommand.Quit); break; }
            // Ended runs are taken before the latest values are read: a run's end is published after its last frame, so
            // the view read next shows that frame (or a later one) and its own snapshot is written before the run's end.
            ended.Clear();
            while (state.TryTakeRunEnd(out var runEnd)) ended.Add(runEnd);
            var snapshot = WithoutClearedFinding(state.Read());
            if (context.IsWindowed || ended.Count > 0 || snapshot.Version != drawnVersion || IsChangingWithAge(snapshot, started, period))
            {
                context.BeginFrame();
                var (width, height) = context.FramebufferSize;
                var view = renderer.Render(snapshot, started, width, height, aiMarksHidden);
                if (snapshot.Frame is { } live && !ReferenceEquals(live, shownLive))
                {
                    if (shownLive is not null && live.Index <= shownLive.Index) pass++;
                    shownLive = live;
                    recentPasses.Add((live, pass));
                    if (recentPasses.Count > 8) recentPasses.RemoveAt(0);
                    if (writer is not null && writer.ShouldWrite(live.Index))
                        Record(writer.Write(new RgbaImage(width, height, FramebufferReader.ReadRgba(context.Gl, width, height)), live.Index, pass));
                }
                // Each ended run is drawn once into the back buffer for its snapshot, then the current view is drawn again.
                bool drewRunEnd = false;
                foreach (var end in ended)
                    if (writer is not null && end.Frame is { } last)
                    {
                        Volatile.Write(ref lastRunEndView, renderer.Render(end, started, width, height, aiMarksHidden));
                        int runPass = recentPasses.FindLast(p => ReferenceEquals(p.Frame, last)) is { Frame: not null } kept ? kept.Pass : pass;
                        Record(writer.WriteRunEnd(new RgbaImage(width, height, FramebufferReader.ReadRgba(context.Gl, width, height)), last.Index, runPass));
                        drewRunEnd = true;
                    }
                if (drewRunEnd) view = renderer.Render(snapshot, started, width, height, aiMarksHidden);
                context.Present();
                // Published after the snapshot, so whoever sees this view also sees its file.
                Volatile.Write(ref lastView, view);
                Interlocked.Exchange(ref lastDrawnVersion, snapshot.Version);
                Interlocked.Exchange(ref drawn, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                drawnVersion = snapshot.Version;
            }
            var rest = period - (PipelineClock.Now - started);
            if (rest > TimeSpan.Zero) stop.Token.WaitHandle.WaitOne(rest);
        }
    }

    /// <summary>A shown result's caption age and fade change with time alone, so it is redrawn until it clears; a finding's age always moves.</summary>
    bool IsChangingWithAge(OverlaySnapshot snapshot, TimeSpan now, TimeSpan period) =>
        snapshot.Finding is not null || snapshot.Result is { } result && now - result.AgeFrom < options.Render.Fade.ClearAfter + 2 * period;

    /// <summary>The snapshot without the finding the user cleared (C); a different finding shows again.</summary>
    OverlaySnapshot WithoutClearedFinding(OverlaySnapshot snapshot)
    {
        if (clearFindingAsked)
        {
            clearFindingAsked = false;
            clearedFinding = snapshot.Finding?.Identity;
        }
        return snapshot.Finding is { } finding && finding.Identity == clearedFinding ? snapshot with { Finding = null } : snapshot;
    }

    void Record(string path)
    {
        lock (snapshots) snapshots.Add(path);
    }

    void OnKey(int key, int modifiers)
    {
        if (ReplayKeyMap.Map(key) is not { } command) return;
        commands.Writer.TryWrite(command);
        if (command == ReplayCommand.ToggleAiMarks) aiMarksHidden = !aiMarksHidden;
        if (command == ReplayCommand.ClearFinding) clearFindingAsked = true;
        if (command == ReplayCommand.Quit) stop.Cancel();
    }

    /// <summary>Stops the loop and waits for its thread to release the context.</summary>
    public void Dispose()
    {
        stop.Cancel();
        if (thread.IsAlive) thread.Join();
        stop.Dispose();
    }
}
