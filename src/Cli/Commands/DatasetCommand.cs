using System.CommandLine;
using OccluNet.Live.Cli.Progress;
using OccluNet.Live.Domain;
using OccluNet.Live.Training.Datasets;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// `occlunet dataset check PATH`: counts, frame-number gaps and every defect of a data set in the OccluNet authors'
/// layout (exit 2 on any defect); `occlunet dataset convert FROM TO`: a DICOM + ground-truth folder into that layout, or a
/// split of it into DICOM + ground truth (docs/data.md).
/// </summary>
internal static class DatasetCommand
{
    public static Command Create()
    {
        var command = new Command("dataset", "Check or convert annotated data sets (the OccluNet authors' COCO layout, DICOM + ground truth).");
        command.Subcommands.Add(Check());
        command.Subcommands.Add(Convert());
        return command;
    }

    static Command Check()
    {
        var path = new Argument<string>("PATH") { Description = "A split JSON (annotations/train.json) or the data set's root folder (all annotations/*.json)." };
        var sources = new DataSourceOptions();
        var command = new Command("check", "Report sequences, frames, boxes, classes, frame-number gaps and every defect; exit 2 on defects.") { path };
        sources.AddTo(command);
        command.SetAction(parse =>
        {
            try
            {
                var metadata = parse.GetValue(sources.Metadata) is { } csv ? LocationMetadata.Load(csv, parse.GetValue(sources.LocationColumn)!) : null;
                var reports = ProgressDisplay.For(parse).Run("dataset check", "images", progress => DatasetCheck.Run(parse.GetValue(path)!, parse.GetValue(sources.Images), metadata, progress));
                foreach (var line in reports.SelectMany(r => r.Lines())) Console.WriteLine(line);
                int defects = reports.Sum(r => r.Defects.Count);
                if (defects == 0) return 0;
                Console.Error.WriteLine($"occlunet: {defects} defects in {parse.GetValue(path)}");
                return CliErrors.UserError;
            }
            catch (Exception e) when (LabelledRunOptions.IsUserError(e))
            {
                return CliErrors.Report(e.Message);
            }
        });
        return command;
    }

    static Command Convert()
    {
        var from = new Argument<string>("FROM") { Description = "dicom:DIR (or a folder) of <run>.dcm + <run>.json, or coco:PATH.json (or a .json) split." };
        var to = new Argument<string>("TO") { Description = "DICOM to COCO: the data set root (gets <split>/, annotations/<split>.json, metadata.csv); COCO to DICOM: a folder." };
        var split = new Option<string>("--split") { Description = "Split name when writing the COCO layout.", DefaultValueFactory = _ => "train" };
        var format = new Option<string>("--format") { Description = "Frame files when writing the COCO layout: jpeg (8 bit, the authors') or png (lossless, 16 bit for deeper data).", DefaultValueFactory = _ => "jpeg" };
        var quality = new Option<int>("--quality") { Description = "JPEG quality (1-100).", DefaultValueFactory = _ => CocoWriter.DefaultQuality };
        var fps = new Option<double>("--fps") { Description = "Frame rate written into DICOM (the COCO layout has no timing).", DefaultValueFactory = _ => 2.0 };
        var sources = new DataSourceOptions();
        var command = new Command("convert", "Convert a DICOM + ground-truth folder into the authors' COCO layout, or a COCO split into DICOM + ground truth.")
        {
            from, to, split, format, quality, fps,
        };
        sources.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            try
            {
                var source = sources.Parse(parse, parse.GetValue(from)!);
                DataSourceOptions.PrintNotes(source);
                var target = parse.GetValue(to)!;
                int count = ProgressDisplay.For(parse).Run("dataset convert", "runs", progress => source switch
                {
                    CocoSource coco => ToDicom(coco, target, parse.GetValue(fps), progress, cancellationToken),
                    DicomFolderSource dicom => ToCoco(dicom, target, parse.GetValue(split)!, Format(parse.GetValue(format)!), parse.GetValue(quality), progress, cancellationToken),
                    _ => throw new ArgumentException($"convert reads dicom:DIR or coco:PATH.json, not {source}."),
                });
                Console.WriteLine($"converted {count} runs from {source} to {Path.GetFullPath(target)}");
                return Task.FromResult(0);
            }
            catch (Exception e) when (LabelledRunOptions.IsUserError(e))
            {
                return Task.FromResult(CliErrors.Report(e.Message));
            }
        });
        return command;
    }

    static FrameImageFormat Format(string text) => text.Trim().ToLowerInvariant() switch
    {
        "jpeg" or "jpg" => FrameImageFormat.Jpeg,
        "png" => FrameImageFormat.Png,
        _ => throw new ArgumentException($"--format '{text}' is not jpeg or png."),
    };

    static int ToDicom(CocoSource source, string folder, double fps, IProgress<WorkProgress> progress, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new IOException($"{folder}: not empty; convert writes into a new or empty folder.");
        int count = 0;
        var runs = source.Runs(cancellationToken);
        progress.Report(new WorkProgress(0, runs.Count));
        foreach (var run in runs)
        {
            DicomRunExport.Write(run, folder, fps);
            progress.Report(new WorkProgress(++count, runs.Count, run.Run.RunId));
        }
        return count;
    }

    static int ToCoco(DicomFolderSource source, string root, string split, FrameImageFormat format, int quality, IProgress<WorkProgress> progress, CancellationToken cancellationToken)
    {
        var writer = new CocoWriter(root, split, format, quality);
        var runs = source.Runs(cancellationToken);
        progress.Report(new WorkProgress(0, runs.Count));
        foreach (var run in runs)
        {
            writer.Add(run);
            progress.Report(new WorkProgress(writer.Sequences, runs.Count, run.Run.RunId));
        }
        writer.Finish();
        return writer.Sequences;
    }
}
