using System.Text.Json;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Streaming;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>
/// What `occlunet bench soak` measured; growth is from the end of warm-up to the end, in percent. The tensor growth is
/// null for a model that ONNX Runtime runs: it makes no TorchSharp tensors to count.
/// </summary>
public sealed record SoakReport(string Model, string Device, long Frames, double FramesPerSecond, IReadOnlyList<SoakSample> Samples,
    double RssGrowthPercent, double? TensorGrowthPercent, long WindowsDetected, long Faults)
{
    /// <summary>The issue's bar: under 5 % growth after warm-up for both (for RSS alone when tensors were not counted).</summary>
    public bool IsFlat => RssGrowthPercent < 5 && (TensorGrowthPercent ?? 0) < 5;

    /// <summary>The drop-folder soak's account (null for the replay soak).</summary>
    public SoakAccount? Account { get; init; }

    /// <summary>Flat, and (drop-folder soak) nothing lost or misattributed.</summary>
    public bool Passes => IsFlat && Account?.Holds != false;
}

/// <summary>
/// `occlunet bench soak`: the pipeline over the data looped at max speed (lossless, every window) for N frames, with RSS
/// and the live tensor count sampled as it runs. Warm-up is the first 10 % of the samples.
/// </summary>
public static class SoakBenchmark
{
    public static async Task<SoakReport> RunAsync(LoadedModel model, string data, long frames, int every, TextWriter output, CancellationToken cancellationToken,
        IProgress<WorkProgress>? progress = null)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var probe = new SoakProbe(frames, every, stop, model.RunsOnTorchSharp);
        var source = new DicomReplaySource(data, new ReplayOptions { Speed = null, Loop = true });
        PipelineSummary summary = await StreamingSession.RunAsync(source, model, PipelineOptions.Lossless,
            new SessionSinks { Extra = [probe, new FrameProgress(progress, frames)] }, stop.Token).ConfigureAwait(false);
        SoakReport report = Summarise(model.Detector.Info, summary, probe.Samples);
        Print(report, output);
        return report;
    }

    /// <summary>
    /// The drop-folder soak: the live pipeline (live policy) watching a fresh drop folder into which
    /// <see cref="DropFolderSender"/> writes the data's runs, one fault every <paramref name="faultEvery"/> frames.
    /// Settle time 200 ms, poll 50 ms, incomplete files taken after 1.5 s (the defaults are 500 ms / 200 ms / 10 s: shorter
    /// here so a soak of many files finishes; the rules are the same).
    /// </summary>
    public static async Task<SoakReport> RunDropFolderAsync(LoadedModel model, string data, long frames, int every, int faultEvery,
        TextWriter output, CancellationToken cancellationToken, IProgress<WorkProgress>? progress = null)
    {
        var runs = DropFolderSender.ReadRuns(data);
        string folder = Directory.CreateTempSubdirectory("occlunet-soak-drop-").FullName;
        try
        {
            var options = new DropFolderOptions { SettleTime = TimeSpan.FromMilliseconds(200), PollInterval = TimeSpan.FromMilliseconds(50), IncompleteTimeout = TimeSpan.FromSeconds(1.5) };
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var probe = new SoakProbe(long.MaxValue, every, stop, model.RunsOnTorchSharp);
            var ledger = new SoakLedger();
            var sender = new DropFolderSender(folder, runs, frames, faultEvery, options.SettleTime, ledger);
            var pipeline = StreamingSession.RunAsync(new DropFolderSource(folder, options), model, PipelineOptions.Live,
                new SessionSinks { Extra = [ledger, probe, new FrameProgress(progress, frames)] }, stop.Token);
            try
            {
                await sender.RunAsync(stop.Token).ConfigureAwait(false);
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false); // the live pipeline ends only when asked
            }
            PipelineSummary summary = await pipeline.ConfigureAwait(false);
            SoakReport report = Summarise(model.Detector.Info, summary, probe.Samples) with { Account = ledger.Account(sender) };
            Print(report, output);
            return report;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static void WriteJson(SoakReport report, string path) => File.WriteAllText(path, JsonSerializer.Serialize(report, DomainJson.Options));

    static SoakReport Summarise(DetectorInfo info, PipelineSummary summary, List<SoakSample> samples)
    {
        if (samples.Count < 2) throw new InvalidOperationException($"soak: only {samples.Count} memory sample(s); run more frames or sample more often (--every)");
        SoakSample warm = samples[Math.Max(1, samples.Count / 10) - 1];
        SoakSample last = samples[^1];
        double fps = last.ElapsedSeconds > 0 ? last.Frames / last.ElapsedSeconds : 0;
        return new SoakReport(info.ModelId, info.Device, summary.FramesReceived, fps, samples,
            Growth(warm.RssMb, last.RssMb), warm.LiveTensors is long from && last.LiveTensors is long to ? Growth(from, to) : null,
            summary.WindowsDetected, summary.Faults);
    }

    static double Growth(double from, double to) => from <= 0 ? 0 : (to - from) / from * 100.0;

    static void Print(SoakReport r, TextWriter output)
    {
        output.WriteLine($"bench soak: model {r.Model} on {r.Device}, {r.Frames} frames at max speed, {r.FramesPerSecond:0.0} frames/s ({Environment.ProcessorCount} shared cores)");
        output.WriteLine($"{"frames",8} {"RSS MB",9} {"tensors",8} {"seconds",8}");
        foreach (SoakSample s in r.Samples) output.WriteLine($"{s.Frames,8} {s.RssMb,9:0.0} {s.LiveTensors?.ToString() ?? "-",8} {s.ElapsedSeconds,8:0.0}");
        string tensors = r.TensorGrowthPercent is double t ? $"live tensors {t:+0.0;-0.0} %" : "live tensors not counted (ONNX Runtime runs the model)";
        output.WriteLine($"after warm-up: RSS {r.RssGrowthPercent:+0.0;-0.0} %, {tensors} -> {(r.IsFlat ? "flat (< 5 %)" : "GROWING")}; windows {r.WindowsDetected}, faults {r.Faults}");
        if (r.Account is { } a)
        {
            output.WriteLine($"drop folder: {a.FilesSent} files, frames expected {a.FramesExpected}, received {a.FramesReceived} (lost {a.FramesExpected - a.FramesReceived}); injected: {a.BrokenFiles} broken, {a.SlowWrites} slow writers, {a.DuplicatesSent} duplicates, {a.Stalls} stalls");
            output.WriteLine($"said: {a.SourceFaults} source faults, {a.DuplicatesSaid} duplicates; {a.Results} results, {a.Misattributed} misattributed, {a.RunsSpanningFiles} runs spanning files -> {(a.Holds ? "nothing lost, nothing misattributed" : "FAILED")}");
        }
    }
}
