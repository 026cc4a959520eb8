using System.CommandLine;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Cli.Overlay;
using OccluNet.Live.Domain;
using OccluNet.Live.Overlay.Replay;
using OccluNet.Live.Streaming;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// `occlunet replay FILE|DIR [--speed 1|N|max] [--loop] [--model M] [--record DIR] [--headless] [--snapshots DIR]
/// [--snapshot-every N] [--device ...]`: recorded runs through the live pipeline with the overlay beside them. A window
/// where there is a display (the keys drive the replay through <see cref="ControlledReplaySource"/>); headless
/// otherwise, writing snapshots (default: a new folder under replay-snapshots/). One line per result, then a summary.
/// Ctrl-C stops cleanly with everything flushed.
/// </summary>
public static class ReplayCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A DICOM run, or a folder of runs (replayed in name order; other files are skipped)." };
        var speed = new Option<string>("--speed") { Description = "1 = acquisition timing, N = N times faster, max = as fast as the model takes frames.", DefaultValueFactory = _ => "1" };
        var loop = new Option<bool>("--loop") { Description = "Start again at the end (each pass is a new run)." };
        var shared = new StreamingCommandOptions();
        var view = new OverlayCommandOptions();
        var command = new Command("replay", "Replay recorded runs through the live pipeline beside the overlay (window, or headless with snapshots).") { input, speed, loop };
        shared.AddTo(command);
        view.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(input)!;
            if (!File.Exists(path) && !Directory.Exists(path)) return CliErrors.Report($"replay: {path} is neither a file nor a folder");
            double? factor;
            try { factor = ReplaySpeed.Parse(parse.GetValue(speed)!); }
            catch (ArgumentException e) { return CliErrors.Report($"replay: {e.Message}"); }
            if (shared.Sinks(parse, Console.Out, "replay", out string? error) is not { } outputs) return CliErrors.Report(error!);
            using LoadedModel? model = shared.LoadModel(parse, "replay", out error);
            if (model is null) return CliErrors.Report(error!);
            if (view.Choose(parse, "replay", SnapshotFolder.DefaultRoot, out error) is not { } choice) return CliErrors.Report(error!);

            var (overlay, overlayError) = choice.StartsOverlay
                ? await OverlayAttachment.StartAsync(choice, model.Detector.Info, isReplay: true, cancellationToken)
                : (null, null);
            if (overlayError is not null) return CliErrors.Report($"replay: no OpenGL view: {overlayError}");
            using (overlay)
            {
                var controls = new ReplayControls(Speed: factor ?? 1, Loop: parse.GetValue(loop), AsFastAsPossible: factor is null);
                var source = new ControlledReplaySource(
                    new DicomReplaySource(path, new ReplayOptions { Speed = null }),
                    controls,
                    commands: overlay is { IsWindowed: true } ? overlay.Loop.Commands : null,
                    afterEach: overlay?.Choice.SnapshotDirectory is null ? null : (_, ct) => overlay.WaitUntilDrawnAsync(ct),
                    onControlsChanged: overlay is null ? null : overlay.Sink.ShowPlayback,
                    holdAtEnd: overlay is { IsWindowed: true });
                Console.WriteLine($"replay {path} at {controls} speed, model {model.Detector.Info.ModelId} on {model.Detector.Info.Device}");
                if (overlay is not null) Console.WriteLine($"view: {overlay.Description}");
                if (overlay is { IsWindowed: true }) Console.WriteLine("keys: space pause, ←/→ step, +/- speed, L loop, H hide AI marks, Q/Esc quit (at the end the window waits for Q)");
                var summary = new ReplaySummary(model.Detector.Info.Classes);
                var sinks = outputs with { Display = overlay?.Sink, Extra = [summary] };
                PipelineSummary totals;
                try { totals = await StreamingSession.RunAsync(source, model, ReplaySpeed.PipelineOptionsFor(factor), sinks, cancellationToken); }
                catch (OutputFolderException e) { return CliErrors.Report($"replay: {e.Message}"); }
                overlay?.Loop.Stop();
                summary.Write(Console.Out, choice.SnapshotDirectory, overlay?.Loop.Snapshots ?? []);
                if (overlay?.Failure is string failure) return CliErrors.Report($"replay: the view stopped during the replay: {failure}");
                return totals.FramesReceived > 0 || totals.Cancelled ? ExitCodes.Of(totals) : CliErrors.Report($"replay: no frame could be read from {path}");
            }
        });
        return command;
    }
}
