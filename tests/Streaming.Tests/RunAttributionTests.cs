using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Tests.Support;

namespace OccluNet.Live.Streaming.Tests;

/// <summary>
/// Every result, fault and run end belongs to the run it came from, with runs back to back (a run's last results come
/// after the next run has started), and each run's final finding is what the run gives when it is replayed alone.
/// </summary>
public sealed class RunAttributionTests
{
    /// <summary>Lossless, and every detection of the untrained tiny model takes part in trajectories (its scores are far below 0.01).</summary>
    static readonly PipelineOptions Options = PipelineOptions.Lossless with { Trajectories = PipelineOptions.Lossless.Trajectories with { MinScore = 0 } };

    static List<Frame> Run(int count, string series, int seed, bool marked) =>
        TestRuns.Run(count, TestRuns.Series(series), seed).Select((f, i) => marked && i == count - 1 ? f with { EndsRun = true } : f).ToList();

    [TestCase(true, TestName = "RunAsync_BackToBackRuns_EachRunEndsOnceWithItsOwnFinding(last frames marked)")]
    [TestCase(false, TestName = "RunAsync_BackToBackRuns_EachRunEndsOnceWithItsOwnFinding(ends seen at the next run)")]
    public async Task RunAsync_BackToBackRuns_EachRunEndsOnceWithItsOwnFinding(bool marked)
    {
        var runs = new[] { Run(7, "1.2.3.4.1", 1, marked), Run(4, "1.2.3.4.2", 2, marked), Run(1, "1.2.3.4.3", 3, marked), Run(6, "1.2.3.4.4", 4, marked) };
        using var detector = TinyDetector.Create();
        var alone = new List<RunEnded>();
        foreach (var run in runs)
        {
            var (_, single, _) = await Harness.RunAsync(ScriptedSource.Of(run), detector, Options);
            alone.Add(single.Of<RunEnded>().Single());
        }

        var (summary, sink, display) = await Harness.RunAsync(ScriptedSource.Of(runs.SelectMany(r => r)), detector, Options);

        var ended = sink.Of<RunEnded>().ToList();
        Assert.That(ended, Has.Count.EqualTo(runs.Length), "every run ends exactly once");
        Assert.That(alone.Count(e => e.Finding is not null), Is.GreaterThan(1), "the tiny model finds something in several runs, so the comparison means something");
        for (int r = 0; r < runs.Length; r++)
        {
            var frames = runs[r];
            var resultsOfRun = sink.Results.Where(x => x.RunNumber == r).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(ended[r].RunNumber, Is.EqualTo(r), "runs end in order");
                Assert.That(ended[r].Series.SeriesInstanceUid, Is.EqualTo(frames[0].Series.SeriesInstanceUid));
                Assert.That(ended[r].LastFrameIndex, Is.EqualTo(frames[^1].Index));
                Assert.That(ended[r].Finding?.ToString(), Is.EqualTo(alone[r].Finding?.ToString()), $"run {r}'s finding is the one it has alone");
                Assert.That(ended[r].Finding?.Points, Is.EqualTo(alone[r].Finding?.Points));
                Assert.That(resultsOfRun.Select(x => x.Frame.Frame), Is.EqualTo(frames), $"run {r}'s results are about its own frames, each once");
                Assert.That(resultsOfRun[^1].Best?.ToString(), Is.EqualTo(ended[r].Finding?.ToString()), "the run's end carries its last result's best trajectory");
                Assert.That(sink.Events.IndexOf(ended[r]), Is.GreaterThan(sink.Events.IndexOf(sink.Of<ResultReady>().Last(x => x.Result.RunNumber == r))),
                    "a run ends after its last result");
            });
        }
        Assert.That(summary.Runs, Is.EqualTo(runs.Length));
        Assert.That(display.Ended.Select(e => e.RunNumber), Is.EqualTo(Enumerable.Range(0, runs.Length)), "the display is told each run's end too");
    }

    [Test]
    public async Task RunAsync_AMarkedLastFrame_EndsTheRunBeforeTheSourceEnds()
    {
        var run = Run(5, "1.2.3.4.1", 1, marked: true);
        var source = new ScriptedSource(run.Select(f => (SourceStep)new Deliver(f)).Append(new Pause(TimeSpan.FromSeconds(30))));
        using var detector = TinyDetector.Create();
        var ended = new TaskCompletionSource<RunEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watcher = new EndWatcher(ended);
        var pipeline = StreamingPipeline.Compose(source, TinyDetector.Preparer(), detector, Options, watcher, []);
        using var stop = new CancellationTokenSource();
        var running = pipeline.RunAsync(stop.Token);

        // The source is still open (pausing): only the mark on frame 4 can end the run.
        var end = await ended.Task.WaitAsync(Harness.Limit);
        stop.Cancel();
        await running.WaitAsync(Harness.Limit);
        Assert.Multiple(() =>
        {
            Assert.That(end.RunNumber, Is.Zero);
            Assert.That(end.LastFrameIndex, Is.EqualTo(4));
            Assert.That(watcher.ResultsBeforeEnd, Is.EqualTo(5), "the last window (frame 4, no look-ahead frame) is detected before the end");
        });
    }

    [Test]
    public async Task RunAsync_AFaultOfAnotherInput_IsNotAttributedToTheRunInProgress()
    {
        var first = TestRuns.Run(3, TestRuns.Series("1.2.3.4.1"), 1);
        var second = TestRuns.Run(3, TestRuns.Series("1.2.3.4.2"), 2);
        var steps = first.Select(f => (SourceStep)new Deliver(f))
            .Append(new ReportFault(0, "an unreadable file between the runs")) // from input "scripted", not the run's "test-run"
            .Concat(second.Select(f => new Deliver(f)));
        using var detector = TinyDetector.Create();

        var (_, sink, _) = await Harness.RunAsync(new ScriptedSource(steps), detector, Options);

        var fault = sink.Faults.Single();
        Assert.Multiple(() =>
        {
            Assert.That(fault.RunNumber, Is.Null, "the fault belongs to no run");
            Assert.That(fault.SourceName, Is.EqualTo("scripted"), "it names the input it came from");
        });
    }

    /// <summary>A display that counts results and completes when the first run ends.</summary>
    sealed class EndWatcher(TaskCompletionSource<RunEnded> ended) : IDisplaySink
    {
        int results;
        public int ResultsBeforeEnd { get; private set; }
        public void ShowFrame(LiveFrame frame) { }
        public void ShowResult(LiveResult? result) { if (result is not null) Interlocked.Increment(ref results); }
        public void ShowStatus(PipelineStatus status) { }

        public void ShowRunEnded(RunEnded end)
        {
            ResultsBeforeEnd = Volatile.Read(ref results);
            ended.TrySetResult(end);
        }
    }
}
