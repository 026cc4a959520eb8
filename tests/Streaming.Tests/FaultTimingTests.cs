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

    /// <summary>
    /// A fault that meets a full sink queue, with no frame after it (a sender waiting to hear of its duplicate): it was
    /// parked until the next frame, so the soak's sender and the pipeline waited for each other for ever.
    /// </summary>
    [Test]
    public async Task AFaultMeetingAFullSinkQueue_ReachesTheSinksOnceThereIsRoom_WithoutANextFrame()
    {
        var sinkBusy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var faultsReported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var busySink = new SignallingSink(e =>
        {
            if (e is FrameReceived && sinkBusy.TrySetResult()) release.Wait(Harness.Limit); // a slow sink: the queue fills behind it
            if (e is FaultRaised { Fault.Message: var m } && m.Contains("second", StringComparison.Ordinal)) secondSeen.TrySetResult();
        });
        var steps = new SourceStep[]
        {
            new Deliver(TestRuns.Run(1)[0]), new WaitFor(sinkBusy.Task),
            new ReportFault(0, "first"), new ReportFault(0, "second"), new Announce(faultsReported), new HoldUntilCancelled(),
        };
        var options = PipelineOptions.Live with { SinkQueue = new QueueOptions(1, System.Threading.Channels.BoundedChannelFullMode.Wait) };
        using var detector = TinyDetector.Create();
        using var stop = new CancellationTokenSource();
        var running = Harness.RunAsync(new ScriptedSource(steps), detector, options, stop.Token, busySink);

        await faultsReported.Task.WaitAsync(Harness.Limit); // both reported while the queue (capacity 1) was full or filling
        release.Set();
        Task first = await Task.WhenAny(secondSeen.Task, running, Task.Delay(Harness.Limit));
        bool seenWhileRunning = first == secondSeen.Task && !running.IsCompleted;
        await stop.CancelAsync();
        var (_, sink, _) = await running;

        Assert.Multiple(() =>
        {
            Assert.That(seenWhileRunning, Is.True, "the second fault reached the sinks while the source waited, with no frame after it");
            Assert.That(sink.Faults.Select(f => f.Message), Has.Exactly(1).Contains("first").And.Exactly(1).Contains("second"));
            Assert.That(sink.Faults.Select(f => f.Message).ToList().FindIndex(m => m.Contains("first")),
                Is.LessThan(sink.Faults.Select(f => f.Message).ToList().FindIndex(m => m.Contains("second"))), "in the order reported");
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
