using System.CommandLine;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Streaming;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// `occlunet live --watch DIR`: frames from a folder a DICOM store SCP writes into, through the live pipeline until Ctrl-C.
/// Headless for now: one line per frame and a summary.
/// </summary>
public static class LiveCommand
{
    public static Command Create()
    {
        var watch = new Option<string>("--watch") { Description = "The drop folder to watch (e.g. storescp's output folder).", Required = true };
        var shared = new StreamingCommandOptions();
        var command = new Command("live", "Run the live pipeline on DICOM files arriving in a folder, until Ctrl-C.") { watch };
        shared.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string folder = parse.GetValue(watch)!;
            if (File.Exists(folder)) return CliErrors.Report($"live: --watch {folder} is a file; give the folder the files arrive in");
            if (shared.CheckRecordFolder(parse, "live") is string recordError) return CliErrors.Report(recordError);
            using LoadedModel? model = shared.LoadModel(parse, "live", out string? error);
            if (model is null) return CliErrors.Report(error!);

            Console.WriteLine($"live: watching {folder}, model {model.Detector.Info.ModelId} on {model.Detector.Info.Device}; Ctrl-C stops");
            await StreamingSession.RunAsync(new DropFolderSource(folder), model, PipelineOptions.Live, shared.Sinks(parse, Console.Out), cancellationToken);
            return 0;
        });
        return command;
    }
}
