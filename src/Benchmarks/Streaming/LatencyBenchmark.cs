using System.Text.Json;
using System.Text.Json.Serialization;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Streaming;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>Everything `occlunet bench latency` measured, as written to JSON.</summary>
public sealed record LatencyReport(
    string Model, string Device, string Speed, int ProcessorCount, IReadOnlyList<LatencyStats> Stages, LatencyStats Baseline,
    long FramesReceived, long WindowsDetected, long WindowsSkipped, long FramesDropped, long Faults, IReadOnlyList<FirstCorrectBox> FirstCorrectBoxes);

/// <summary>
/// `occlunet bench latency`: replays runs through the live pipeline (native speed: live policy, frames stamped when
/// they arrive, after the replay's sleep; max: lossless) and reports p50/p95/p99/max per stage and end to end, the result
/// age, skipped windows and the time to the first correct box, beside the bare model loop on the same frames.
/// </summary>
public static class LatencyBenchmark
{
    /// <param name="pngPath">Where to draw the latency CDF per stage, or null.</param>
    /// <param name="progress">Frames received of all the frames of the runs.</param>
    public static async Task<LatencyReport> RunAsync(LoadedModel model, string data, double? speed, string? pngPath, TextWriter output, CancellationToken cancellationToken,
        IProgress<WorkProgress>? progress = null)
    {
        LatencyStats baseline = BareModelBaseline.Measure(model, BaselineFrames(data));
        var source = new DicomReplaySource(data, new ReplayOptions { Speed = speed });
        var frames = new FrameProgress(progress, source.CountFrames());
        var (report, samples) = await MeasureAsync(model, source, data, speed, baseline, null, cancellationToken, frames).ConfigureAwait(false);
        Print(report, output);
        if (pngPath is not null) LatencyCdfPng.Write(pngPath, samples.Stages, $"latency CDF per stage: {report.Model} on {report.Device}, speed {report.Speed}");
        return report;
    }

    /// <summary>
    /// One pass of <paramref name="source"/> through the pipeline with the latency collector; ground truth for the first
    /// correct box is looked for beside <paramref name="truthData"/>, under the run names <paramref name="runNames"/>
    /// gives (by run number) or else the frames' source names.
    /// </summary>
    internal static async Task<(LatencyReport Report, LatencySamples Samples)> MeasureAsync(LoadedModel model, IFrameSource source, string truthData,
        double? speed, LatencyStats baseline, Func<int, string?>? runNames, CancellationToken cancellationToken, FrameProgress? frames = null)
    {
        var samples = new LatencySamples();
        PipelineSummary summary = await StreamingSession.RunAsync(source, model, PipelineOptions.ForSpeed(speed),
            new SessionSinks { Extra = frames is null ? [samples] : [samples, frames] }, cancellationToken).ConfigureAwait(false);
        if (runNames is not null)
            foreach (int run in samples.RunNames.Keys.ToList()) samples.RunNames[run] = runNames(run) ?? samples.RunNames[run];
        DetectorInfo info = model.Detector.Info;
        var report = new LatencyReport(info.ModelId, info.Device, speed is null ? "max" : $"{speed}x", Environment.ProcessorCount,
            samples.Stages.Select(s => LatencyStats.Of(s.Key, s.Value)).ToList(), baseline,
            summary.FramesReceived, summary.WindowsDetected, summary.WindowsSkipped, summary.FramesDropped, summary.Faults,
            FirstCorrectBox.Measure(samples, truthData, model.Detector.Info));
        return (report, samples);
    }

    /// <summary>The project's JSON convention, with NaN written as "NaN" (a stage without samples).</summary>
    internal static readonly JsonSerializerOptions Json = new(DomainJson.Options) { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static void WriteJson(LatencyReport report, string path) => File.WriteAllText(path, JsonSerializer.Serialize(report, Json));

    /// <summary>Up to 32 frames of the first readable run, for the bare-model baseline.</summary>
    internal static List<Frame> BaselineFrames(string data)
    {
        IEnumerable<string> files = Directory.Exists(data) ? Directory.GetFiles(data).Order(StringComparer.Ordinal) : [data];
        string first = files.FirstOrDefault(DicomFile.LooksLikeDicom) ?? throw new InvalidDataException($"{data}: no DICOM run to replay");
        DicomRun run = DicomRun.Open(first);
        return Enumerable.Range(0, Math.Min(32, run.Pixels.FrameCount)).Select(run.ReadFrame).ToList();
    }

    internal static void Print(LatencyReport r, TextWriter output)
    {
        output.WriteLine($"bench latency: model {r.Model} on {r.Device}, speed {r.Speed}, {r.ProcessorCount} cores (shared: numbers measured under contention)");
        output.WriteLine(LatencyStats.Header);
        foreach (LatencyStats s in r.Stages) output.WriteLine(s.Row());
        output.WriteLine(r.Baseline.Row() + "   <- baseline: preprocess + encode + detect in a plain loop, same frames");
        output.WriteLine($"frames {r.FramesReceived}, windows detected {r.WindowsDetected}, skipped {r.WindowsSkipped}, dropped {r.FramesDropped}, faults {r.Faults}");
        if (r.FirstCorrectBoxes.Count > 0)
            output.WriteLine($"first correct box (result frame, hand-off after the first visible frame arrived): newest detection | run's finding, paper rule (before) | run's finding, live rule: gaps of {Trajectories.TrajectoryOptions.LiveMaxGap} bridged (after)");
        foreach (FirstCorrectBox b in r.FirstCorrectBoxes)
            output.WriteLine($"first correct box: {b.Run}: visible from frame {b.FirstVisibleFrame} | {b.Newest} | {b.PaperRule} | {b.LiveRule}");
    }
}
