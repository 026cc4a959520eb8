using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Streaming.Tests.Support;

/// <summary>Runs a pipeline over a source with a collecting sink and a recording display, with a time limit so a hang fails.</summary>
internal static class Harness
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static Task<(PipelineSummary Summary, CollectingSink Sink, RecordingDisplay Display)> RunAsync(
        IFrameSource source, IOcclusionDetector detector, PipelineOptions options, CancellationToken cancellationToken = default,
        params IPipelineSink[] extraSinks) =>
        RunAsync(source, detector, options, new RecordingDisplay(), cancellationToken, extraSinks);

    /// <summary>The same with a display made beforehand (e.g. to wait on <see cref="RecordingDisplay.FramesShown"/>).</summary>
    public static async Task<(PipelineSummary Summary, CollectingSink Sink, RecordingDisplay Display)> RunAsync(
        IFrameSource source, IOcclusionDetector detector, PipelineOptions options, RecordingDisplay display,
        CancellationToken cancellationToken = default, params IPipelineSink[] extraSinks)
    {
        var sink = new CollectingSink();
        var pipeline = StreamingPipeline.Compose(source, TinyDetector.Preparer(), detector, options, display, [sink, .. extraSinks]);
        PipelineSummary summary = await pipeline.RunAsync(cancellationToken).WaitAsync(Limit);
        return (summary, sink, display);
    }

    /// <summary>Detections compared exactly: same frames, same boxes, scores and classes in the same order.</summary>
    public static void AssertSameDetections(IEnumerable<FrameDetections> actual, IEnumerable<FrameDetections> expected)
    {
        var a = actual.ToList();
        var e = expected.ToList();
        Assert.That(a.Select(f => f.FrameIndex), Is.EqualTo(e.Select(f => f.FrameIndex)), "frames with results");
        for (int i = 0; i < a.Count; i++)
            Assert.That(a[i].Detections, Is.EqualTo(e[i].Detections), $"detections of frame {a[i].FrameIndex}");
    }
}
