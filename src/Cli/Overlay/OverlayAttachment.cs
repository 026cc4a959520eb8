using OccluNet.Live.Domain;
using OccluNet.Live.Overlay;
using OccluNet.Live.Overlay.Context;
using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Overlay.Pipeline;

namespace OccluNet.Live.Cli.Overlay;

/// <summary>
/// The overlay beside a pipeline run: the render loop (window or headless) and the display sink feeding it. Started
/// before the pipeline, so that a missing GL library is a clear error before any frame is read.
/// </summary>
internal sealed class OverlayAttachment : IDisposable
{
    OverlayAttachment(OverlayRenderLoop loop, OverlayDisplaySink sink, OverlayChoice choice, string description)
    {
        Loop = loop;
        Sink = sink;
        Choice = choice;
        Description = description;
    }

    public OverlayRenderLoop Loop { get; }
    public OverlayDisplaySink Sink { get; }
    public OverlayChoice Choice { get; }

    /// <summary>The context made ("GLFW window (X11): ..." or "EGL 1.5 surfaceless: ...", plus any fall-back note).</summary>
    public string Description { get; }

    public bool IsWindowed => Description.StartsWith("GLFW", StringComparison.Ordinal);

    /// <summary>Starts the loop and waits for its context; on failure returns null and the reason (naming the missing package).</summary>
    public static async Task<(OverlayAttachment? Attachment, string? Error)> StartAsync(OverlayChoice choice, DetectorInfo detector,
        bool isReplay, CancellationToken cancellationToken)
    {
        var state = new OverlayState();
        var loop = OverlayRenderLoop.Start(state, choice.LoopOptions, cancellationToken);
        try
        {
            string description = await loop.Ready.ConfigureAwait(false);
            return (new OverlayAttachment(loop, new OverlayDisplaySink(state, new OverlaySinkOptions(detector, isReplay)), choice, description), null);
        }
        catch (Exception e) when (e is OverlayContextException or IOException or DllNotFoundException or InvalidOperationException or EntryPointNotFoundException)
        {
            loop.Dispose();
            return (null, e.Message);
        }
    }

    /// <summary>
    /// Waits until everything published so far is drawn (and its snapshot written). When the view has stopped (Q, or a
    /// failure such as a full disk) it returns at once: the replay goes on without it and <see cref="Failure"/> says why.
    /// </summary>
    public async Task WaitUntilDrawnAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Loop.WaitForPublishedDrawnAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && Loop.Completion.IsCompleted)
        {
        }
    }

    /// <summary>Why the view stopped by itself, or null.</summary>
    public string? Failure => Loop.Completion.IsFaulted ? Loop.Completion.Exception?.GetBaseException().Message : null;

    public void Dispose() => Loop.Dispose();
}
