using System.CommandLine;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Cli.Overlay;
using OccluNet.Live.Domain;
using OccluNet.Live.Streaming;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// `occlunet live --watch DIR [--headless] [--snapshots DIR] [--snapshot-every N]`: frames from a folder a DICOM store
/// SCP writes into, through the live pipeline until Ctrl-C (or Q/Esc in the window), with the overlay beside them: a
/// window where there is a display; headless, snapshots only when --snapshots is given (a live session has no end).
/// </summary>
public static class LiveCommand
{
    public static Command Create()
    {
        var watch = new Option<string>("--watch") { Description = "The drop folder to watch (e.g. storescp's output folder).", Required = true };
        var shared = new StreamingCommandOptions();
        var view = new OverlayCommandOptions();
        var command = new Command("live", "Run the live pipeline on DICOM files arriving in a folder, beside the overlay, until Ctrl-C.") { watch };
        shared.AddTo(command);
        view.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string folder = parse.GetValue(watch)!;
            if (File.Exists(folder)) return CliErrors.Report($"live: --watch {folder} is a file; give the folder the files arrive in");
            if (shared.Sinks(parse, Console.Out, "live", out string? error) is not { } outputs) return CliErrors.Report(error!);
            using LoadedModel? model = shared.LoadModel(parse, "live", out error);
            if (model is null) return CliErrors.Report(error!);
            if (view.Choose(parse, "live", headlessDefaultRoot: null, out error) is not { } choice) return CliErrors.Report(error!);

            var (overlay, overlayError) = choice.StartsOverlay
                ? await OverlayAttachment.StartAsync(choice, model.Detector.Info, isReplay: false, cancellationToken)
                : (null, null);
            if (overlayError is not null) return CliErrors.Report($"live: no OpenGL view: {overlayError}");
            using (overlay)
            using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // Q/Esc or closing the window ends the session like Ctrl-C.
                if (overlay is not null) _ = overlay.Loop.Completion.ContinueWith(_ => { try { stop.Cancel(); } catch (ObjectDisposedException) { } }, TaskScheduler.Default);
                Console.WriteLine($"live: watching {folder}, model {model.Detector.Info.ModelId} on {model.Detector.Info.Device}; Ctrl-C stops");
                if (overlay is not null) Console.WriteLine($"view: {overlay.Description}");
                var sinks = outputs with { Display = overlay?.Sink };
                PipelineSummary totals;
                try { totals = await StreamingSession.RunAsync(new DropFolderSource(folder), model, PipelineOptions.Live, sinks, stop.Token); }
                catch (OutputFolderException e) { return CliErrors.Report($"live: {e.Message}"); }
                overlay?.Loop.Stop();
                if (choice.SnapshotDirectory is not null) Console.WriteLine($"snapshots: {overlay?.Loop.Snapshots.Count ?? 0} PNGs in {choice.SnapshotDirectory}");
                return ExitCodes.Of(totals, stopIsTheEnd: true);
            }
        });
        return command;
    }
}
