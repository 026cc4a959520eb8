using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Cli.Commands;

/// <summary>`occlunet dicom info FILE [--json]` and `occlunet dicom frames FILE --checksums`.</summary>
internal static class DicomCommand
{
    public static Command Create()
    {
        var command = new Command("dicom", "Inspect DICOM files with the in-house reader.");
        command.Subcommands.Add(Info());
        command.Subcommands.Add(Frames());
        return command;
    }

    static Command Info()
    {
        var file = new Argument<string>("FILE") { Description = "A DICOM file." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("info", "Transfer syntax, size, frames, bit depth, photometric, timing, view.") { file, json };
        command.SetAction(parse =>
        {
            DicomRunSummary summary;
            try { summary = DicomRunSummary.Of(DicomRun.Open(parse.GetValue(file)!)); }
            catch (DicomFileException e) { return CliErrors.Report(e.Message); }
            Console.WriteLine(parse.GetValue(json) ? JsonSerializer.Serialize(summary, DomainJson.Options) : AsText(summary));
            return 0;
        });
        return command;
    }

    static string AsText(DicomRunSummary s)
    {
        string F(double? v, string unit = "") => v is { } x ? x.ToString("0.###", CultureInfo.InvariantCulture) + unit : "-";
        return string.Join(Environment.NewLine,
            $"file:            {s.File}",
            $"transfer syntax: {s.TransferSyntax} ({s.TransferSyntaxUid}){(s.HasFileMeta ? "" : ", no file meta: guessed from content")}",
            $"modality:        {s.Modality}",
            $"size:            {s.Columns} x {s.Rows}, {s.Frames} frame(s), {s.SamplesPerPixel} sample(s) per pixel",
            $"bit depth:       {s.BitsStored} stored of {s.BitsAllocated} allocated, high bit {s.HighBit}, {(s.Signed ? "signed" : "unsigned")}",
            $"photometric:     {s.Photometric}",
            $"timing:          {s.TimingSource}, {F(s.FramesPerSecond, " fps")}, {F(s.DurationSeconds, " s")}",
            $"view:            {s.View ?? "-"} (primary {F(s.PositionerPrimaryAngleDeg, "°")}, secondary {F(s.PositionerSecondaryAngleDeg, "°")})",
            $"pixel spacing:   {F(s.PixelSpacingMm, " mm")}",
            $"subtraction:     {(s.Subtraction is { } sub ? $"native run, subtracted by the reader ({sub})" : "none (frames delivered as stored)")}");
    }

    static Command Frames()
    {
        var file = new Argument<string>("FILE") { Description = "A DICOM file." };
        var checksums = new Option<bool>("--checksums") { Description = "Print per-frame SHA-256 of the stored values, min, max, mean (TSV)." };
        var command = new Command("frames", "Decode every frame.") { file, checksums };
        command.SetAction(parse =>
        {
            if (!parse.GetValue(checksums)) return CliErrors.Report("dicom frames: say what to print (--checksums)");
            try
            {
                var pixels = PixelData.From(DicomFile.Open(parse.GetValue(file)!));
                var lines = new List<string> { FrameChecksum.TsvHeader };
                for (var f = 0; f < pixels.FrameCount; f++) lines.Add(FrameChecksum.Of(pixels.DecodeFrame(f)).ToTsv());
                Console.Out.Write(string.Join('\n', lines) + "\n");
                return 0;
            }
            catch (DicomFileException e) { return CliErrors.Report(e.Message); }
        });
        return command;
    }
}
