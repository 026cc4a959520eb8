using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Tests.Support;

namespace OccluNet.Live.Streaming.Tests;

/// <summary>Issue 12: a source's fault reaches the sinks when it happens, not with the next frame (which may never come).</summary>
public sealed class FaultTimingTests
{
    [Test]
    public async Task AFaultAfterTheLastFrameOfALiveSession_ReachesTheSinksBeforeAnyOtherFrame()
    {
        var steps = TestRuns.Run(3).Select(f => (SourceStep)new Deliver(f)).Append(new ReportFault(0, "last.dcm is truncated")).Append(new HoldUntilCancelled());
        var faultSeen = new TaskCompletionSource<PipelineFault>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = new SignallingSink(e => { if (e is FaultRaised f) faultSeen.TrySetResult(f.Fault); });
        using var detector = TinyDetector.Create();
        using var stop = new CancellationTokenSource();
        Task<(PipelineSummary Summary, CollectingSink Sink, RecordingDisplay Display)> running =
            Harness.RunAsync(new ScriptedSource(steps), detector, PipelineOptions.Live, stop.Token, watcher);

        Task first = await Task.WhenAny(faultSeen.Task, running, Task.Delay(Harness.Limit));
        bool seenWhileRunning = first == faultSeen.Task && !running.IsCompleted;
        await stop.CancelAsync();
        var (summary, sink, _) = await running;

        Assert.Multiple(() =>
        {
            Assert.That(seenWhileRunning, Is.True, "the fault was reported while the source was still waiting for frames");
            Assert.That(sink.Faults, Has.Count.EqualTo(1));
            Assert.That(sink.Faults[0].Message, Does.Contain("last.dcm is truncated"));
            Assert.That(summary.IsComplete, Is.False, "a lost frame makes the session incomplete (exit 3)");
        });
    }

    [Test]
    public async Task ASessionWithoutFaultsIsComplete()
    {
        using var detector = TinyDetector.Create();
        var (summary, _, _) = await Harness.RunAsync(ScriptedSource.Of(TestRuns.Run(4)), detector, PipelineOptions.Lossless);
        Assert.That(summary.IsComplete, Is.True);
    }

    sealed class SignallingSink(Action<PipelineEvent> onEvent) : IPipelineSink
    {
        public void Handle(PipelineEvent pipelineEvent) => onEvent(pipelineEvent);
        public void Complete(PipelineSummary summary) { }
    }
}
