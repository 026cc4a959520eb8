using System.Runtime.CompilerServices;
using OccluNet.Live.Capture.Sources;

namespace OccluNet.Live.Streaming.Tests.Support;

/// <summary>One step of a <see cref="ScriptedSource"/>: deliver a frame, report a fault, or wait.</summary>
internal abstract record SourceStep;
internal sealed record Deliver(Frame Frame) : SourceStep;
internal sealed record ReportFault(int FrameIndex, string Reason) : SourceStep;
internal sealed record Pause(TimeSpan Duration) : SourceStep;
/// <summary>Wait for a signal from the test (e.g. that a sink is busy) before the next step.</summary>
internal sealed record WaitFor(Task Signal) : SourceStep;
/// <summary>Tell the test that every step before this one was played.</summary>
internal sealed record Announce(TaskCompletionSource Played) : SourceStep;
/// <summary>Stay silent until cancelled, as a live source does between runs.</summary>
internal sealed record HoldUntilCancelled : SourceStep;

/// <summary>An in-memory frame source that plays a script; <see cref="Delivered"/> counts frames handed over.</summary>
internal sealed class ScriptedSource : IFrameSource
{
    readonly IReadOnlyList<SourceStep> steps;
    readonly TimeSpan interval;
    int delivered;

    public ScriptedSource(IEnumerable<SourceStep> steps, TimeSpan? interval = null)
    {
        this.steps = steps.ToList();
        this.interval = interval ?? TimeSpan.Zero;
    }

    public static ScriptedSource Of(IEnumerable<Frame> frames, TimeSpan? interval = null) =>
        new(frames.Select(f => (SourceStep)new Deliver(f)), interval);

    public string Name => "scripted";
    public int Delivered => Volatile.Read(ref delivered);

    public async IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (SourceStep step in steps)
        {
            switch (step)
            {
                case Deliver d:
                    if (interval > TimeSpan.Zero) await Task.Delay(interval, cancellationToken);
                    Interlocked.Increment(ref delivered);
                    yield return d.Frame;
                    break;
                case ReportFault f:
                    onFault(new SourceFault(Name, f.FrameIndex, f.Reason));
                    break;
                case Pause p:
                    await Task.Delay(p.Duration, cancellationToken);
                    break;
                case WaitFor w:
                    await w.Signal.WaitAsync(cancellationToken);
                    break;
                case Announce a:
                    a.Played.TrySetResult();
                    break;
                case HoldUntilCancelled:
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    break;
            }
        }
    }
}
