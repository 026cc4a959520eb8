using System.CommandLine;
using OccluNet.Live.Cli.Progress;
using OccluNet.Live.Benchmarks.Dicom;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet bench dicom`: in-house decode frames/s beside dcmtk's dcmj2pnm on the same files, same run.</summary>
internal static class DicomBenchCommand
{
    public static Command Create()
    {
        var samples = new Option<string>("--samples") { Description = "Folder with the DICOM samples.", DefaultValueFactory = _ => Path.Combine("tests", "data", "dicom-samples") };
        var repetitions = new Option<int>("--repetitions") { Description = "Best of this many runs per file and decoder.", DefaultValueFactory = _ => 3 };
        var json = new Option<string>("--json") { Description = "Where to write the results as JSON.", DefaultValueFactory = _ => "bench-dicom.json" };
        var command = new Command("dicom", "Decode the XA cine and XA1 variants; frames/s beside dcmtk (dcmj2pnm/dcml2pnm).") { samples, repetitions, json };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(samples)!;
            if (!Directory.Exists(folder)) return CliErrors.Report($"bench dicom: samples folder {folder} does not exist (--samples)");
            if (parse.GetValue(repetitions) < 1) return CliErrors.Report("bench dicom: --repetitions must be at least 1");
            try
            {
                var results = ProgressDisplay.For(parse).Run("bench dicom", "files", progress => DicomDecodeBenchmark.Run(folder, parse.GetValue(repetitions), progress.Out, progress));
                DicomDecodeBenchmark.WriteJson(results, parse.GetValue(json)!);
                return 0;
            }
            catch (Exception e) when (e is Capture.Dicom.DicomFileException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                return CliErrors.Report($"bench dicom: {e.Message}");
            }
        });
        return command;
    }
}
