using System.Runtime.CompilerServices;
using System.Threading.Channels;
using OccluNet.Live.Capture.Sources;

namespace OccluNet.Live.Capture.Tests.Sources;

/// <summary>The keys really act on the frame flow: pause holds frames back, → and ← hand frames over, Q ends, L loops.</summary>
[TestFixture]
public sealed class ControlledReplaySourceTests
{
    static readonly SeriesInfo Series = new("2.25.7", "2.25.8", "XA", Rows: 2, Columns: 2, BitsStored: 10, IsMonochrome1: false,
        PixelSpacingMm: null, View: null, WindowCenter: null, WindowWidth: null, SourceName: "keys.dcm");

    /// <summary>Frames <paramref name="secondsApart"/> apart in run time, delivered at once (as the inner replay does).</summary>
    sealed class Frames(int count, double secondsApart) : IFrameSource
    {
        public string Name => "frames";
        public int Passes { get; private set; }

        public async IAsyncEnumerable<Frame> ReadAsync(Action<SourceFault> onFault, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Passes++;
            for (int i = 0; i < count; i++)
            {
                await Task.Yield();
                yield return new Frame(Series, i, TimeSpan.FromSeconds(i * secondsApart), new ushort[4]);
            }
        }
    }

    static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    [Test]
    public async Task PausedNothingFlowsStepsHandOverOneFrameEachAndQuitEnds()
    {
        var keys = Channel.CreateUnbounded<ReplayCommand>();
        var source = new ControlledReplaySource(new Frames(5, 0.01), new ReplayControls(Paused: true), keys.Reader);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var frames = source.ReadAsync(_ => { }, cancel.Token).GetAsyncEnumerator(cancel.Token);

        var first = frames.MoveNextAsync().AsTask();
        Assert.That(await Task.WhenAny(first, Task.Delay(Quiet)), Is.Not.SameAs(first), "paused: no frame, whatever the run's timing");
        keys.Writer.TryWrite(ReplayCommand.StepForward);
        Assert.That(await first && frames.Current.Index == 0);
        keys.Writer.TryWrite(ReplayCommand.StepForward);
        Assert.That(await frames.MoveNextAsync() && frames.Current.Index == 1);
        keys.Writer.TryWrite(ReplayCommand.StepBack);
        Assert.That(await frames.MoveNextAsync() && frames.Current.Index == 0, "← hands the previous frame over again");
        keys.Writer.TryWrite(ReplayCommand.StepForward);
        Assert.That(await frames.MoveNextAsync() && frames.Current.Index == 1);

        var next = frames.MoveNextAsync().AsTask();
        Assert.That(await Task.WhenAny(next, Task.Delay(Quiet)), Is.Not.SameAs(next), "still paused after stepping");
        keys.Writer.TryWrite(ReplayCommand.Quit);
        Assert.That(await next, Is.False, "Q ends the replay");
    }

    [Test]
    public async Task TheRunsTimingPacesFramesAndSpaceResumesAPause()
    {
        var keys = Channel.CreateUnbounded<ReplayCommand>();
        // 30 s apart at 8x: the second frame is due after 3.75 s of playback.
        var source = new ControlledReplaySource(new Frames(3, 30), new ReplayControls(Speed: 8), keys.Reader);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var frames = source.ReadAsync(_ => { }, cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.That(await frames.MoveNextAsync() && frames.Current.Index == 0, "the first frame is due at once");
        var second = frames.MoveNextAsync().AsTask();
        Assert.That(await Task.WhenAny(second, Task.Delay(Quiet)), Is.Not.SameAs(second), "the second frame waits for its time");
        keys.Writer.TryWrite(ReplayCommand.TogglePause);
        keys.Writer.TryWrite(ReplayCommand.TogglePause);
        keys.Writer.TryWrite(ReplayCommand.StepForward);
        Assert.That(await second && frames.Current.Index == 1);
        Assert.That(source.Controls, Is.EqualTo(new ReplayControls(Paused: true, Speed: 8)));
    }

    [Test]
    public async Task MaxSpeedWithoutKeysDeliversEveryFrameAndLoopReadsTheRunAgain()
    {
        var inner = new Frames(3, 10);
        var source = new ControlledReplaySource(inner, new ReplayControls(Loop: true, AsFastAsPossible: true));
        var seen = new List<int>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var frame in source.ReadAsync(_ => { }, cancel.Token))
        {
            seen.Add(frame.Index);
            if (seen.Count == 7) break;
        }
        Assert.That(seen, Is.EqualTo(new[] { 0, 1, 2, 0, 1, 2, 0 }));
        Assert.That(inner.Passes, Is.EqualTo(3));
    }

    [Test]
    public void MaxSpeedIsAboveTheLadder()
    {
        var max = new ReplayControls(AsFastAsPossible: true);
        Assert.Multiple(() =>
        {
            Assert.That(max.Apply(ReplayCommand.SpeedUp).Controls, Is.EqualTo(max));
            Assert.That(max.Apply(ReplayCommand.SlowDown).Controls, Is.EqualTo(new ReplayControls(Speed: 8)));
            Assert.That(max.ToString(), Is.EqualTo("max"));
        });
    }
}
