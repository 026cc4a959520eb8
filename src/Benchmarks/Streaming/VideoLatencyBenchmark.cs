using System.Text.Json;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Capture.Sources.Video;
using OccluNet.Live.Capture.Writing;
using OccluNet.Live.Model.Checkpoints;

namespace OccluNet.Live.Benchmarks.Streaming;

/// <summary>What `occlunet bench latency --video` measured: the DICOM replay and the video path of the same runs, in one process.</summary>
public sealed record VideoLatencyReport(string Video, string Roi, int RunsInVideo, int FramesInRuns, long FramesFoundInVideo, LatencyReport Dicom, LatencyReport VideoPath);

/// <summary>
/// `occlunet bench latency --video FILE`: the runs of a monitor-layout video (its manifest, OUT.layout.json, names them)
/// replayed twice in the same process, first from their DICOM files, then from the video through
/// <see cref="VideoFrameSource"/>, each with the same latency collector. In the video pass a frame arrives when the first
/// picture showing it was read (<see cref="Frame.ShownAt"/>), so its latencies include finding it (one picture or more).
/// At speed max the video is read as fast as it goes and frames arrive when handed over, as in the DICOM pass.
/// </summary>
public static class VideoLatencyBenchmark
{
    public static async Task<VideoLatencyReport> RunAsync(LoadedModel model, string video, VideoSourceOptions options, double? speed, string? pngPath, TextWriter output, CancellationToken cancellationToken)
    {
        string manifestPath = LayoutManifest.PathFor(video);
        if (!File.Exists(manifestPath)) throw new InvalidDataException($"{video}: no layout manifest {Path.GetFileName(manifestPath)} beside it (made by occlunet synth --video); it names the DICOM runs to compare with");
        LayoutManifest manifest = LayoutManifest.Read(manifestPath);
        string runs = LinkRuns(manifest);
        try
        {
            LatencyStats baseline = BareModelBaseline.Measure(model, LatencyBenchmark.BaselineFrames(runs));
            var names = Directory.GetFiles(runs, "*.dcm").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            var (dicom, _) = await LatencyBenchmark.MeasureAsync(model, new DicomReplaySource(runs, new ReplayOptions { Speed = speed }), runs, speed, baseline, null, cancellationToken).ConfigureAwait(false);
            var source = new VideoFrameSource(FfmpegInput.File(video), options with { ReadRate = speed, Roi = options.AutoRoi ? null : options.Roi ?? manifest.Roi });
            var (videoPath, samples) = await LatencyBenchmark.MeasureAsync(model, source, runs, speed, baseline, run => run < names.Count ? names[run] : null, cancellationToken).ConfigureAwait(false);
            var report = new VideoLatencyReport(video, source.Roi?.ToString() ?? "none", manifest.Runs.Count, manifest.Runs.Sum(r => r.Frames), source.FramesFound, dicom, videoPath);
            output.WriteLine("== DICOM replay of the video's runs ==");
            LatencyBenchmark.Print(dicom, output);
            output.WriteLine("== the same runs through the video path (arrival: first picture showing the frame) ==");
            LatencyBenchmark.Print(videoPath, output);
            output.WriteLine($"video {Path.GetFileName(video)}: ROI {report.Roi}, {source.PicturesRead} pictures, {report.FramesFoundInVideo} DSA frames found of {report.FramesInRuns} in {report.RunsInVideo} runs");
            if (pngPath is not null) LatencyCdfPng.Write(pngPath, samples.Stages, $"video path latency CDF per stage: {videoPath.Model} on {videoPath.Device}, speed {videoPath.Speed}");
            return report;
        }
        finally
        {
            Directory.Delete(runs, recursive: true);
        }
    }

    public static void WriteJson(VideoLatencyReport report, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(report, LatencyBenchmark.Json));

    /// <summary>A temporary folder of links to the manifest's runs (and their ground truth) in video order: 000-NAME.dcm, ...</summary>
    static string LinkRuns(LayoutManifest manifest)
    {
        string folder = Directory.CreateTempSubdirectory("occlunet-video-runs-").FullName;
        for (int i = 0; i < manifest.Runs.Count; i++)
        {
            string file = manifest.Runs[i].File;
            if (!File.Exists(file)) throw new InvalidDataException($"{file}: a run of the video's manifest is missing");
            string name = $"{i:D3}-{Path.GetFileNameWithoutExtension(file)}";
            File.CreateSymbolicLink(Path.Combine(folder, name + ".dcm"), Path.GetFullPath(file));
            string truth = Path.ChangeExtension(file, ".json");
            if (File.Exists(truth)) File.CreateSymbolicLink(Path.Combine(folder, name + ".json"), Path.GetFullPath(truth));
        }
        return folder;
    }
}
