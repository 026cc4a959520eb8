using System.CommandLine;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Capture.Sources.Video;
using OccluNet.Live.Cli.Overlay;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Streaming;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// `occlunet replay FILE|DIR|--video FILE [--roi X,Y,W,H|auto] [--speed 1|N|max] [--loop] [--model M] [--record DIR] [--headless] [--snapshots DIR]
/// [--snapshot-every N] [--device ...]`: recorded runs through the live pipeline with the overlay beside them. A window
/// where there is a display (the keys drive the replay through <see cref="ControlledReplaySource"/>); headless
/// otherwise, writing snapshots (default: a new folder under replay-snapshots/). One line per result, then a summary.
/// Ctrl-C stops cleanly with everything flushed.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var input = new Argument<string?>("input") { Description = "A DICOM run, or a folder of runs (replayed in name order; other files are skipped).", Arity = ArgumentArity.ZeroOrOne };
        var video = new Option<string?>("--video") { Description = "Replay a video file of the system's video output instead (new DSA frames found as live; see --roi)." };
        var videoOptions = new VideoCommandOptions();
        var speed = new Option<string>("--speed") { Description = "1 = acquisition timing, N = N times faster, max = as fast as the model takes frames.", DefaultValueFactory = _ => "1" };
        var loop = new Option<bool>("--loop") { Description = "Start again at the end (each pass is a new run)." };
        var shared = new StreamingCommandOptions();
        var view = new OverlayCommandOptions();
        var pacs = new PacsOptions();
        var command = new Command("replay", "Replay recorded runs through the live pipeline beside the overlay (window, or headless with snapshots).") { input, speed, loop, video };
        videoOptions.AddTo(command);
        shared.AddTo(command);
        view.AddTo(command);
        pacs.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string? videoFile = parse.GetValue(video);
            if ((parse.GetValue(input) is null) == (videoFile is null)) return CliErrors.Report("replay: give either a DICOM run or folder, or --video FILE");
            if (videoFile is null && videoOptions.AnyGiven(parse)) return CliErrors.Report("replay: --roi, --video-window and --video-trace go with --video");
            string path = videoFile ?? parse.GetValue(input)!;
            if (videoFile is not null ? !File.Exists(path) : !File.Exists(path) && !Directory.Exists(path))
                return CliErrors.Report(videoFile is not null ? $"replay: --video {path} is not a file" : $"replay: {path} is neither a file nor a folder");
            VideoSourceOptions? videoSource = null;
            if (videoFile is not null && (videoSource = videoOptions.Build(parse, "replay", Console.Out, out string? videoError)) is null) return CliErrors.Report(videoError!);
            double? factor;
            try { factor = ReplaySpeed.Parse(parse.GetValue(speed)!); }
            catch (ArgumentException e) { return CliErrors.Report($"replay: {e.Message}"); }
            if (pacs.Check(parse, "replay") is string pacsError) return CliErrors.Report(pacsError);
            if (shared.WithTrajectoryRule(parse, PipelineOptions.ForSpeed(factor), "replay", out string? ruleError) is not { } pipelineOptions) return CliErrors.Report(ruleError!);
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
                var playback = overlay is { IsWindowed: true } ? new PlaybackLog(Console.Out, controls) : null;
                Func<int, CancellationToken, Task>? afterEach = overlay is null || (overlay.Choice.SnapshotDirectory is null && playback is null) ? null : (index, ct) =>
                {
                    playback?.FrameHandedOver(index);
                    return overlay.Choice.SnapshotDirectory is null ? Task.CompletedTask : overlay.WaitUntilDrawnAsync(ct);
                };
                var source = new ControlledReplaySource(
                    videoSource is null
                        ? new DicomReplaySource(path, new ReplayOptions { Speed = null })
                        : new VideoFrameSource(FfmpegInput.File(path), videoSource with { ReadRate = null }),
                    controls,
                    commands: overlay is { IsWindowed: true } ? overlay.Loop.Commands : null,
                    afterEach,
                    onControlsChanged: overlay is null ? null : c =>
                    {
                        overlay.Sink.ShowPlayback(c);
                        playback?.ControlsChanged(c);
                    },
                    holdAtEnd: overlay is { IsWindowed: true });
                Console.WriteLine($"replay {path} at {controls} speed, model {model.Detector.Info.ModelId} on {model.Detector.Info.Device}");
                if (overlay is not null) Console.WriteLine($"view: {overlay.Description}");
                if (overlay is { IsWindowed: true }) Console.WriteLine("keys: space pause, ←/→ step, +/- speed, L loop, H hide AI marks, C clear the run's finding, Q/Esc quit (at the end the window waits for Q)");
                var summary = new ReplaySummary(model.Detector.Info.Classes, pipelineOptions.Trajectories.For(model.Detector.Info), Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path)));
                var (results, collector) = pacs.Start(parse, model, Console.Out);
                var sinks = outputs with { Display = overlay?.Sink, Extra = collector is null ? [summary] : [summary, collector] };
                PipelineSummary totals;
                try { totals = await StreamingSession.RunAsync(source, model, pipelineOptions, sinks, cancellationToken); }
                catch (OutputFolderException e) { return CliErrors.Report($"replay: {e.Message}"); }
                if (overlay is not null) await overlay.WaitUntilDrawnAsync(CancellationToken.None); // the last run's end view and its snapshot
                overlay?.Loop.Stop();
                await PacsOptions.FinishAsync(results);
                summary.Write(Console.Out, choice.SnapshotDirectory, overlay?.Loop.Snapshots ?? []);
                if (overlay?.Failure is string failure) return CliErrors.Report($"replay: the view stopped during the replay: {failure}");
                return totals.FramesReceived > 0 || totals.Cancelled ? ExitCodes.Of(totals) : CliErrors.Report($"replay: no frame could be read from {path}");
            }
        });
        return command;
    }
}
