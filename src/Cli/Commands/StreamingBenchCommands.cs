using System.CommandLine;
using OccluNet.Live.Cli.Progress;
using OccluNet.Live.Benchmarks.Streaming;
using OccluNet.Live.Capture.Sources.Video;
using OccluNet.Live.Model.Checkpoints;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet bench latency` and `occlunet bench soak`: the streaming pipeline's latency table and its memory soak.</summary>
internal static class StreamingBenchCommands
{
    public static Command Latency()
    {
        var data = new Option<string?>("--data") { Description = "A DICOM run or a folder of runs (ground truth beside each as NAME.json, for the first-correct-box time)." };
        var video = new Option<string?>("--video") { Description = "A monitor-layout video (occlunet synth --video): its runs through the video path beside their DICOM replay." };
        var videoOptions = new VideoCommandOptions();
        var speed = new Option<string>("--speed") { Description = "1 = acquisition timing (live policy), max = lossless as fast as possible.", DefaultValueFactory = _ => "1" };
        var json = new Option<string>("--json") { Description = "Where to write the results as JSON.", DefaultValueFactory = _ => "bench-latency.json" };
        var png = new Option<string>("--png") { Description = "Where to draw the latency CDF per stage.", DefaultValueFactory = _ => "bench-latency.png" };
        var shared = new StreamingCommandOptions();
        var compare = new Option<string?>("--compare") { Description = "A second model run over the same --data in the same process (e.g. a causal model beside the centred one): both tables, then end-to-end and evidence side by side." };
        var command = new Command("latency", "Per-stage and end-to-end latency of the live pipeline on replayed runs, beside the bare model loop.") { data, speed, json, png, video, compare };
        shared.AddModelOptions(command);
        videoOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string? path = parse.GetValue(data), videoFile = parse.GetValue(video);
            if ((path is null) == (videoFile is null)) return CliErrors.Report("bench latency: give either --data FILE|DIR or --video FILE");
            if (path is not null && !File.Exists(path) && !Directory.Exists(path)) return CliErrors.Report($"bench latency: --data {path} is neither a file nor a folder");
            if (videoFile is not null && !File.Exists(videoFile)) return CliErrors.Report($"bench latency: --video {videoFile} is not a file");
            VideoSourceOptions? videoSource = null;
            if (videoFile is not null && (videoSource = videoOptions.Build(parse, "bench latency", Console.Out, out string? videoError)) is null) return CliErrors.Report(videoError!);
            double? factor;
            try { factor = ReplaySpeed.Parse(parse.GetValue(speed)!); }
            catch (ArgumentException e) { return CliErrors.Report($"bench latency: {e.Message}"); }
            using LoadedModel? model = shared.LoadModel(parse, "bench latency", out string? error);
            if (model is null) return CliErrors.Report(error!);
            string? comparePath = parse.GetValue(compare);
            if (comparePath is not null && videoFile is not null) return CliErrors.Report("bench latency: --compare goes with --data (DICOM runs), not --video");
            using LoadedModel? second = comparePath is null ? null : shared.LoadModel(parse, "bench latency", out error, comparePath);
            if (comparePath is not null && second is null) return CliErrors.Report(error!);
            try
            {
                if (videoSource is not null)
                {
                    VideoLatencyReport both = await VideoLatencyBenchmark.RunAsync(model, videoFile!, videoSource, factor, parse.GetValue(png), Console.Out, cancellationToken);
                    VideoLatencyBenchmark.WriteJson(both, parse.GetValue(json)!);
                    return 0;
                }
                LatencyReport report = await ProgressDisplay.For(parse).RunAsync("bench latency", "frames", progress =>
                    LatencyBenchmark.RunAsync(model, path!, factor, parse.GetValue(png), progress.Out, cancellationToken, progress));
                if (second is null)
                {
                    LatencyBenchmark.WriteJson(report, parse.GetValue(json)!);
                    return 0;
                }
                LatencyReport other = await ProgressDisplay.For(parse).RunAsync("bench latency --compare", "frames", progress =>
                    LatencyBenchmark.RunAsync(second, path!, factor, null, progress.Out, cancellationToken, progress));
                var comparison = new LatencyComparison(report, other);
                comparison.Print(Console.Out);
                comparison.WriteJson(parse.GetValue(json)!);
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or Capture.Dicom.DicomFileException or IOException)
            {
                return CliErrors.Report($"bench latency: {e.Message}");
            }
        });
        return command;
    }

    public static Command Soak()
    {
        var data = new Option<string>("--data") { Description = "A DICOM run or a folder of runs, looped.", Required = true };
        var frames = new Option<long>("--frames") { Description = "Frames to push through.", DefaultValueFactory = _ => 20_000 };
        var every = new Option<int>("--every") { Description = "Sample RSS and live tensors every N frames.", DefaultValueFactory = _ => 500 };
        var json = new Option<string>("--json") { Description = "Where to write the results as JSON.", DefaultValueFactory = _ => "bench-soak.json" };
        var faults = new Option<int>("--live-faults") { Description = "Live mode instead: the runs are sent into a drop folder the live pipeline watches, with a fault every N frames (broken file, slow writer, duplicate send, stalled source, in turn); nothing may be lost or misattributed. 0: the replay soak.", DefaultValueFactory = _ => 0 };
        var shared = new StreamingCommandOptions();
        var command = new Command("soak", "Push N frames through the pipeline at max speed; RSS and TorchSharp's live tensor count must stay flat.") { data, frames, every, json, faults };
        shared.AddModelOptions(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(data)!;
            if (!File.Exists(path) && !Directory.Exists(path)) return CliErrors.Report($"bench soak: --data {path} is neither a file nor a folder");
            if (parse.GetValue(frames) < 1 || parse.GetValue(every) < 1) return CliErrors.Report("bench soak: --frames and --every must be at least 1");
            if (parse.GetValue(faults) < 0) return CliErrors.Report("bench soak: --live-faults must be 0 (off) or a number of frames");
            using LoadedModel? model = shared.LoadModel(parse, "bench soak", out string? error);
            if (model is null) return CliErrors.Report(error!);
            try
            {
                int faultEvery = parse.GetValue(faults);
                SoakReport report = await ProgressDisplay.For(parse).RunAsync("bench soak", "frames", progress => faultEvery > 0
                    ? SoakBenchmark.RunDropFolderAsync(model, path, parse.GetValue(frames), parse.GetValue(every), faultEvery, progress.Out, cancellationToken, progress)
                    : SoakBenchmark.RunAsync(model, path, parse.GetValue(frames), parse.GetValue(every), progress.Out, cancellationToken, progress));
                SoakBenchmark.WriteJson(report, parse.GetValue(json)!);
                return report.Passes ? 0 : 1;
            }
            catch (InvalidOperationException e)
            {
                return CliErrors.Report(e.Message);
            }
        });
        return command;
    }
}
