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
/// `occlunet live --watch DIR | --video "FFMPEG INPUT" [--roi X,Y,W,H|auto] [--headless] [--snapshots DIR] [--snapshot-every N]`:
/// frames from a folder a DICOM store SCP writes into, or the new DSA frames found in the system's video output, through the live pipeline until Ctrl-C (or Q/Esc in the window), with the overlay beside them: a
/// window where there is a display; headless, snapshots only when --snapshots is given (a live session has no end).
/// </summary>
internal static class LiveCommand
{
    public static Command Create()
    {
        var watch = new Option<string?>("--watch") { Description = "The drop folder to watch (e.g. storescp's output folder)." };
        var video = new Option<string?>("--video") { Description = "FFmpeg input arguments of the angiography system's video output, e.g. \"-f v4l2 -i /dev/video0\" (a frame grabber), a stream URL after -i, or a file." };
        var videoOptions = new VideoCommandOptions();
        var shared = new StreamingCommandOptions();
        var view = new OverlayCommandOptions();
        var pacs = new PacsOptions();
        var command = new Command("live", "Run the live pipeline on DICOM files arriving in a folder (--watch) or on the system's video output (--video), beside the overlay, until Ctrl-C.") { watch, video };
        videoOptions.AddTo(command);
        shared.AddTo(command);
        view.AddTo(command);
        pacs.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string? folder = parse.GetValue(watch), videoInput = parse.GetValue(video);
            if ((folder is null) == (videoInput is null)) return CliErrors.Report("live: give either --watch DIR (DICOM files) or --video \"FFMPEG INPUT\" (video output)");
            if (folder is not null && videoOptions.AnyGiven(parse)) return CliErrors.Report("live: --roi, --video-window and --video-trace go with --video");
            if (folder is not null && File.Exists(folder)) return CliErrors.Report($"live: --watch {folder} is a file; give the folder the files arrive in");
            IFrameSource source;
            if (videoInput is not null)
            {
                if (videoOptions.Build(parse, "live", Console.Out, out string? videoError) is not { } sourceOptions) return CliErrors.Report(videoError!);
                FfmpegInput input;
                try { input = FfmpegInput.Live(videoInput); }
                catch (FormatException e) { return CliErrors.Report($"live: {e.Message}"); }
                source = new VideoFrameSource(input, sourceOptions);
            }
            else source = new DropFolderSource(folder!);
            if (pacs.Check(parse, "live") is string pacsError) return CliErrors.Report(pacsError);
            if (shared.WithTrajectoryRule(parse, PipelineOptions.Live, "live", out string? ruleError) is not { } pipelineOptions) return CliErrors.Report(ruleError!);
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
                Console.WriteLine($"live: {(folder is not null ? $"watching {folder}" : $"video {videoInput}")}, model {model.Detector.Info.ModelId} on {model.Detector.Info.Device}; Ctrl-C stops");
                if (overlay is not null) Console.WriteLine($"view: {overlay.Description}");
                var (results, collector) = pacs.Start(parse, model, Console.Out);
                var sinks = outputs with { Display = overlay?.Sink, Extra = collector is null ? [] : [collector] };
                PipelineSummary totals;
                try { totals = await StreamingSession.RunAsync(source, model, pipelineOptions, sinks, stop.Token); }
                catch (OutputFolderException e) { return CliErrors.Report($"live: {e.Message}"); }
                overlay?.Loop.Stop();
                await PacsOptions.FinishAsync(results);
                if (choice.SnapshotDirectory is not null) Console.WriteLine($"snapshots: {overlay?.Loop.Snapshots.Count ?? 0} PNGs in {choice.SnapshotDirectory}");
                return ExitCodes.Of(totals, stopIsTheEnd: true);
            }
        });
        return command;
    }
}
