using System.Globalization;
using System.Text;
using System.Text.Json;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Phantom.Report;

/// <summary>
/// Part of `occlunet synth --report DIR [--real FILE ...]`: phantom 1 beside phantom 2 beside real XA files on every
/// statistic of <see cref="AngiogramStatistics"/> (the same code on every image), with each phantom's gap to the real
/// mean and whether phantom 2 shrank it. Phantom runs: the same seeds in both versions, 1024 px like the real XA1 frame
/// (the measures block-average both to 256 px, so noise is averaged alike), 12 frames at 2 fps (arterial to venous
/// phase), subtracted storage. A real file without a pixel spacing in its header is taken as a 230-mm field (a 9-inch
/// intensifier, usual for a cerebral lateral view), which only the per-cm² and mm rows use. Writes real-comparison.md
/// and real-comparison.json.
/// </summary>
public static class RealAngiogramComparison
{
    /// <summary>The field assumed for a real file whose header gives no pixel spacing.</summary>
    public const double AssumedRealFieldMm = 230;

    static readonly (string Name, Func<AngiogramMeasures, double> Value)[] Rows =
    [
        ("vessel area fraction", m => m.VesselAreaFraction),
        ("branch points per cm²", m => m.BranchPointsPerCm2),
        ("calibre < 1.5 mm (share of skeleton length)", m => m.CalibreShares[0]),
        ("calibre 1.5-3 mm", m => m.CalibreShares[1]),
        ("calibre >= 3 mm", m => m.CalibreShares[2]),
        ("vessel grey level: median depth below background (noise σ)", m => m.VesselContrastSigma),
        ("background grey level: interquartile range (noise σ)", m => m.BackgroundSpreadSigma),
        ("noise power above half Nyquist (share)", m => m.NoiseHighBandShare),
    ];

    public static IReadOnlyList<string> Write(string dir, ulong seed, int count, IReadOnlyList<string> realFiles, CancellationToken ct, IProgress<WorkProgress>? progress = null)
    {
        Directory.CreateDirectory(dir);
        var real = realFiles.Select(path => (Name: Path.GetFileName(path), Measures: MeasureFile(path))).ToList();
        var byVersion = new Dictionary<int, List<AngiogramMeasures>> { [1] = [], [2] = [] };
        for (int k = 0; k < count; k++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report(new WorkProgress(k, count, $"seed {seed + (ulong)k}"));
            foreach (int version in byVersion.Keys)
            {
                var options = new PhantomOptions { Size = 1024, Frames = 12, Fps = 2, PhantomVersion = version, Native = version == 2 ? false : null };
                var run = PhantomGenerator.Generate(seed + (ulong)k, options, 1, ct);
                byVersion[version].Add(AngiogramStatistics.Measure(run.Frames, run.Width, run.Height, run.PixelSpacingMm));
            }
        }
        progress?.Report(new WorkProgress(count, count));
        var md = new StringBuilder();
        md.AppendLine($"# Phantom 1 vs phantom 2 vs real angiograms ({count} seeds from {seed})").AppendLine();
        md.AppendLine("Same code on every image (Report/AngiogramStatistics.cs): MinIP block-averaged to 256 px, central 70% square, vessel = > 3 noise σ below a 3-px background; "
            + $"phantom runs drawn at 1024 px, 12 frames at 2 fps, subtracted. Real files without pixel spacing: a {AssumedRealFieldMm:0}-mm field assumed. "
            + "Gap = phantom mean − real mean; 'closer' says whether phantom 2's gap is smaller than phantom 1's.").AppendLine();
        md.AppendLine("| Statistic | phantom 1 (mean ± SD) | phantom 2 (mean ± SD) | real | gap 1 | gap 2 | closer |").AppendLine("|---|---|---|---|---|---|---|");
        var table = new List<object>();
        foreach (var (name, value) in Rows)
        {
            var one = byVersion[1].Select(value).ToList();
            var two = byVersion[2].Select(value).ToList();
            double? reference = real.Count > 0 ? real.Average(r => value(r.Measures)) : null;
            string gap1 = reference is { } r1 ? F(one.Average() - r1) : "–", gap2 = reference is { } r2 ? F(two.Average() - r2) : "–";
            string closer = reference is { } r ? (Math.Abs(two.Average() - r) < Math.Abs(one.Average() - r) ? "yes" : "no") : "–";
            md.AppendLine($"| {name} | {F(one.Average())} ± {F(Sd(one))} | {F(two.Average())} ± {F(Sd(two))} | {(reference is { } v ? F(v) : "–")} | {gap1} | {gap2} | {closer} |");
            table.Add(new { statistic = name, phantom1 = one, phantom2 = two, real = real.Select(x => new { file = x.Name, value = value(x.Measures) }) });
        }
        md.AppendLine().AppendLine($"Real: {(real.Count == 0 ? "none given (--real FILE)" : string.Join(", ", real.Select(r => r.Name)))}.");
        File.WriteAllText(Path.Combine(dir, "real-comparison.md"), md.ToString());
        File.WriteAllText(Path.Combine(dir, "real-comparison.json"), JsonSerializer.Serialize(new { seed, count, rows = table }, DomainJson.Options) + "\n");
        return md.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
    }

    /// <summary>All frames of a real XA file (grey, one sample per pixel), MONOCHROME1 inverted so vessels are dark.</summary>
    static AngiogramMeasures MeasureFile(string path)
    {
        var pixels = PixelData.From(DicomFile.Open(path));
        var p = pixels.Pixels;
        if (p.SamplesPerPixel != 1) throw new InvalidDataException($"{path}: {p.SamplesPerPixel} samples per pixel; the angiogram statistics need grey frames");
        int max = (1 << p.BitsStored) - 1;
        var frames = Enumerable.Range(0, pixels.FrameCount).Select(f => pixels.DecodeFrame(f).Samples)
            .Select(s => p.Photometric == "MONOCHROME1" ? s.Select(v => (ushort)(max - Math.Min(max, (int)v))).ToArray() : s).ToList();
        return AngiogramStatistics.Measure(frames, p.Columns, p.Rows, AssumedRealFieldMm / Math.Max(p.Columns, p.Rows));
    }

    static double Sd(List<double> v)
    {
        double m = v.Average();
        return v.Count > 1 ? Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Count - 1)) : 0;
    }

    static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
