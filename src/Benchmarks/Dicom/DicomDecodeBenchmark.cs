using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Benchmarks.Dicom;

/// <summary>One file's decode speed: ours (open + decode every frame) beside dcmtk's dcmj2pnm/dcml2pnm on the same file.</summary>
public sealed record DicomDecodeResult(string File, string TransferSyntax, int Frames, double OursMs, double OursFps, double? DcmtkMs, double? DcmtkFps, string DcmtkCommand)
{
    public double? Ratio => DcmtkFps is { } d && d > 0 ? OursFps / d : null;
}

/// <summary>
/// Decodes the 96-frame XA cine and the 1024x1024 XA1 variants with the in-house reader and with dcmtk in the same
/// run; prints frames/s and the ratio, writes JSON. dcmtk's time includes its process start and writing raw PGM
/// frames (what dcmj2pnm does); ours includes opening the file. Best of N repetitions for both.
/// </summary>
public static class DicomDecodeBenchmark
{
    public static readonly string[] DefaultFiles =
    [
        "rubo_XA_0002_jpeg-baseline_96f.dcm",
        "wg04_XA1_UNC.dcm",
        "wg04_XA1_JLSL.dcm",
        "wg04_XA1_J2KR.dcm",
        "wg04_XA1_JPLY.dcm",
        "pylibjpeg_JPEGLossless_1s_1f_u_16_12.dcm",
        "wg04_CT1_JPLL.dcm",
    ];

    public static IReadOnlyList<DicomDecodeResult> Run(string samplesFolder, int repetitions, TextWriter output, IProgress<WorkProgress>? progress = null)
    {
        var results = new List<DicomDecodeResult>();
        var cases = new BenchmarkCases(progress, DefaultFiles.Length);
        output.WriteLine("file\tsyntax\tframes\tours_ms\tours_fps\tdcmtk_ms\tdcmtk_fps\tours/dcmtk");
        foreach (var name in DefaultFiles)
        {
            cases.Start(name);
            var path = Path.Combine(samplesFolder, name);
            if (!File.Exists(path)) { output.WriteLine($"{name}\tmissing"); continue; }
            var result = Measure(path, repetitions);
            results.Add(result);
            output.WriteLine(string.Join('\t', name, result.TransferSyntax, result.Frames, F(result.OursMs), F(result.OursFps), F(result.DcmtkMs), F(result.DcmtkFps), result.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "n/a"));
        }
        cases.Finish();
        return results;
    }

    static string F(double? v) => v is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";

    static DicomDecodeResult Measure(string path, int repetitions)
    {
        var file = DicomFile.Open(path);
        var frames = PixelData.From(file).FrameCount;
        var ours = Enumerable.Range(0, repetitions).Min(_ => Time(() => DecodeAll(path)));
        var command = DcmtkCommandFor(file);
        double? dcmtk = command is null ? null : Enumerable.Range(0, repetitions).Min(_ => RunDcmtk(command, path));
        return new DicomDecodeResult(Path.GetFileName(path), file.TransferSyntax.Name, frames, ours, frames / (ours / 1000), dcmtk, dcmtk is { } d ? frames / (d / 1000) : null, command ?? "none (dcmtk has no JPEG 2000 decoder)");
    }

    static void DecodeAll(string path)
    {
        var pixels = PixelData.From(DicomFile.Open(path));
        for (var f = 0; f < pixels.FrameCount; f++) pixels.DecodeFrame(f);
    }

    static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    static string? DcmtkCommandFor(DicomFile file) => file.TransferSyntax.Compression switch
    {
        Capture.Dicom.PixelCompression.Jpeg2000 => null,
        Capture.Dicom.PixelCompression.JpegLs => "dcml2pnm",
        _ => "dcmj2pnm",
    };

    /// <summary>Wall time of dcmtk writing every frame as raw PGM, stored values (-M -W), into a scratch folder.</summary>
    static double RunDcmtk(string tool, string path)
    {
        var scratch = Directory.CreateTempSubdirectory("bench-dcmtk-").FullName;
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-q", "-M", "-W", "+Fa", "+op", path, Path.Combine(scratch, "f") }) start.ArgumentList.Add(a);
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (apt-get install dcmtk)");
            process.WaitForExit();
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (process.ExitCode != 0) throw new InvalidOperationException($"{tool} failed on {path}: {process.StandardError.ReadToEnd()}");
            return elapsed;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    public static void WriteJson(IReadOnlyList<DicomDecodeResult> results, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(results, DomainJson.Options));
}
