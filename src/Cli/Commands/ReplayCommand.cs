using System.CommandLine;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Streaming;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// `occlunet replay FILE|DIR [--speed 1|N|max] [--loop] [--model M] [--record DIR] [--device ...]`: a recorded run through
/// the live pipeline. Headless: one line per frame and a summary. Max speed is lossless (same detections as offline);
/// paced speeds behave like live. Ctrl-C stops cleanly with everything flushed.
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A DICOM run, or a folder of runs (replayed in name order)." };
        var speed = new Option<string>("--speed") { Description = "1 = acquisition timing, N = N times faster, max = as fast as the model takes frames.", DefaultValueFactory = _ => "1" };
        var loop = new Option<bool>("--loop") { Description = "Start again at the end (each pass is a new run)." };
        var shared = new StreamingCommandOptions();
        var command = new Command("replay", "Replay recorded runs through the live pipeline (headless: one line per frame).") { input, speed, loop };
        shared.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(input)!;
            if (!File.Exists(path) && !Directory.Exists(path)) return CliErrors.Report($"replay: {path} is neither a file nor a folder");
            double? factor;
            try { factor = ReplaySpeed.Parse(parse.GetValue(speed)!); }
            catch (ArgumentException e) { return CliErrors.Report($"replay: {e.Message}"); }
            if (shared.CheckRecordFolder(parse, "replay") is string recordError) return CliErrors.Report(recordError);
            using LoadedModel? model = shared.LoadModel(parse, "replay", out string? error);
            if (model is null) return CliErrors.Report(error!);

            var source = new DicomReplaySource(path, new ReplayOptions { Speed = factor, Loop = parse.GetValue(loop) });
            Console.WriteLine($"replay {path} at {(factor is null ? "max" : $"{factor}x")} speed, model {model.Detector.Info.ModelId} on {model.Detector.Info.Device}");
            PipelineSummary summary = await StreamingSession.RunAsync(source, model, ReplaySpeed.PipelineOptionsFor(factor), shared.Sinks(parse, Console.Out), cancellationToken);
            return summary.FramesReceived > 0 ? 0 : CliErrors.Report($"replay: no frame could be read from {path}");
        });
        return command;
    }
}
