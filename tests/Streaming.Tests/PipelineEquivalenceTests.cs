using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;
using OccluNet.Live.Streaming.Tests.Support;

namespace OccluNet.Live.Streaming.Tests;

/// <summary>The pipeline gives exactly what an offline pass gives, with a real tiny TorchSharp model.</summary>
public sealed class PipelineEquivalenceTests
{
    [TestCase(WindowMode.Centred, 1)]
    [TestCase(WindowMode.Causal, 0)]
    public async Task RunAsync_Lossless_DetectionsAndTrajectoryEqualOffline(WindowMode mode, int lookAhead)
    {
        var run = TestRuns.Run(9);
        using var detector = TinyDetector.Create(mode);
        var expected = OfflineReference.Detect(detector, TinyDetector.Preparer(), run, lookAhead);

        var (summary, sink, _) = await Harness.RunAsync(ScriptedSource.Of(run), detector, PipelineOptions.Lossless);

        Harness.AssertSameDetections(sink.Results.Select(r => r.Detections), expected);
        Assert.That(expected.Sum(f => f.Detections.Count), Is.GreaterThan(0), "the tiny model gives boxes, so the comparison means something");
        var best = sink.Results[^1].Best;
        var offlineBest = OfflineReference.Best(expected, run[0].Series);
        Assert.Multiple(() =>
        {
            Assert.That(best?.ToString(), Is.EqualTo(offlineBest?.ToString()));
            Assert.That(best?.Points, Is.EqualTo(offlineBest?.Points));
            Assert.That(summary.WindowsDetected, Is.EqualTo(9));
            Assert.That(summary.WindowsSkipped, Is.Zero);
            Assert.That(summary.FramesAnalysed, Is.EqualTo(9));
        });
    }

    [Test]
    public async Task RunAsync_NewestWindowBehindSlowModel_SkipsWindowsButEveryDetectedWindowEqualsOffline()
    {
        var run = TestRuns.Run(12);
        using var inner = TinyDetector.Create();
        var expected = OfflineReference.Detect(inner, TinyDetector.Preparer(), run, 1).ToDictionary(f => f.FrameIndex);
        var detector = new FaultyDetector(inner) { DetectDelay = TimeSpan.FromMilliseconds(120) };

        var (summary, sink, display) = await Harness.RunAsync(ScriptedSource.Of(run, TimeSpan.FromMilliseconds(15)), detector, PipelineOptions.Live);

        var results = sink.Results;
        Assert.Multiple(() =>
        {
            Assert.That(summary.WindowsSkipped, Is.GreaterThan(0), "the model is slower than the source");
            Assert.That(summary.WindowsDetected + summary.WindowsSkipped, Is.EqualTo(12), "every window is either detected or counted as skipped");
            Assert.That(summary.FramesAnalysed, Is.EqualTo(12), "every frame is encoded: the window history is never lost");
            Assert.That(sink.Of<WindowSkipped>().Count(), Is.EqualTo(summary.WindowsSkipped));
            Assert.That(results.Select(r => r.FrameIndex), Is.Ordered.Ascending);
            Assert.That(display.Frames, Has.Count.EqualTo(12));
        });
        Assert.That(results, Has.Count.EqualTo(summary.WindowsDetected).And.Count.GreaterThan(0), "one result per detected window");
        foreach (var r in results)
            Assert.That(r.Detections.Detections, Is.EqualTo(expected[r.FrameIndex].Detections), $"frame {r.FrameIndex}'s window had its full history");
    }

    [Test]
    public async Task RunAsync_NewestWindowOnARunThatArrivedWhole_DetectsEveryWindowAsOffline()
    {
        // A run dropped as one file after its acquisition: all frames at once, the same slow model as above.
        // 40 frames: more than the live frame and input queues hold (16 each), so a queue that dropped would show it.
        var run = TestRuns.Run(40).Select(f => f with { ArrivedWhole = true }).ToList();
        using var inner = TinyDetector.Create();
        var expected = OfflineReference.Detect(inner, TinyDetector.Preparer(), run, 1);
        var detector = new FaultyDetector(inner) { DetectDelay = TimeSpan.FromMilliseconds(50) };

        var (summary, sink, display) = await Harness.RunAsync(ScriptedSource.Of(run), detector, PipelineOptions.Live);

        Assert.Multiple(() =>
        {
            Assert.That(summary.WindowsSkipped, Is.Zero, "no window of a whole run is passed over: " + summary);
            Assert.That(summary.FramesDropped, Is.Zero, "no frame of it is dropped from a queue: " + summary);
            Assert.That(summary.WindowsDetected, Is.EqualTo(40), summary.ToString());
            Assert.That(display.Frames, Has.Count.EqualTo(40), "every frame is still shown");
        });
        Harness.AssertSameDetections(sink.Results.Select(r => r.Detections), expected);
    }

    [Test]
    public async Task RunAsync_EveryFrame_IsShownBeforeItsResultAndResultsAreTaggedWithTheirFrame()
    {
        var run = TestRuns.Run(6);
        using var detector = TinyDetector.Create();

        var (_, sink, display) = await Harness.RunAsync(ScriptedSource.Of(run), detector, PipelineOptions.Lossless);

        var shownAt = display.Frames.ToDictionary(f => f.Frame.Index, f => f.At);
        var ready6 = sink.Of<ResultReady>().ToList();
        Assert.That(ready6.Select(r => r.Result.FrameIndex), Is.EqualTo(Enumerable.Range(0, 6)), "lossless: one result per frame, in order");
        foreach (var ready in ready6)
        {
            var r = ready.Result;
            Assert.That(r.Frame.Frame, Is.SameAs(run[r.FrameIndex]), "the result carries the frame it is about");
            Assert.That(shownAt[r.FrameIndex], Is.LessThan(ready.DisplayHandOff), $"frame {r.FrameIndex} is shown before its result");
            Assert.That(r.TriggerFrameIndex, Is.EqualTo(Math.Min(r.FrameIndex + 1, 5)), "a centred window is completed by the next frame");
            var t = r.Timings;
            Assert.That(new[] { t.FrameArrival, t.PreprocessEnd, t.InferenceStart, t.InferenceEnd, t.TrajectoryUpdate, ready.DisplayHandOff }
                .Skip(1), Is.Ordered, "timestamps follow the stages");
        }
    }
}
