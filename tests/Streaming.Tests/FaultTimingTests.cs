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

/// <summary>Issue 12: no identifier in clear in any message (storescp names files after the SOP Instance UID).</summary>
public sealed class FaultRedactionTests
{
    [Test]
    public async Task AFaultNamingAStorescpFile_ShowsTheUidOnlyAsAHash()
    {
        const string sopUid = "1.2.826.0.1.3680043.2.1125.1.4242";
        var steps = TestRuns.Run(2).Select(f => (SourceStep)new Deliver(f)).Append(new ReportFault(0, $"XA.{sopUid}: transfer syntax 1.2.840.10008.1.2.4.50 truncated"));
        using var detector = TinyDetector.Create();
        var console = new StringWriter();

        var (_, sink, _) = await Harness.RunAsync(new ScriptedSource(steps), detector, PipelineOptions.Lossless, default,
            new Sinks.ConsoleReport(console, detector.Info.Classes));

        Assert.That(sink.Faults, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(sink.Faults[0].Message, Does.Not.Contain(sopUid).And.Contain($"uid:{Domain.Identifiers.Hash(sopUid)[..12]}"));
            Assert.That(sink.Faults[0].Message, Does.Contain("1.2.840.10008.1.2.4.50"), "standard UIDs name formats and are kept");
            Assert.That(console.ToString(), Does.Not.Contain(sopUid));
        });
    }
}
