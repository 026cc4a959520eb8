using System.Globalization;
using System.Text;
using System.Text.Json;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Phantom.Report;

/// <summary>
/// Part of `occlunet synth --report DIR [--real FILE ...]`: phantom 1 beside phantom 2 beside real XA files on one
/// vessel-density measure (<see cref="VesselDensity"/>), the same code on every image. Phantom runs: the same seeds in
/// both versions, 1024 px like the real XA1 frame (the measure block-averages both to 256, so noise is averaged alike),
/// 12 frames at 2 fps (arterial to venous phase), subtracted storage. Writes vessel-density.md
/// and vessel-density.json.
/// </summary>
public static class VesselDensityReport
{
    public static IReadOnlyList<string> Write(string dir, ulong seed, int count, IReadOnlyList<string> realFiles, CancellationToken ct, IProgress<WorkProgress>? progress = null)
    {
        Directory.CreateDirectory(dir);
        var real = realFiles.Select(path => (Name: Path.GetFileName(path), Value: MeasureFile(path))).ToList();
        var byVersion = new Dictionary<int, List<double>> { [1] = new(), [2] = new() };
        for (int k = 0; k < count; k++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report(new WorkProgress(k, count, $"seed {seed + (ulong)k}"));
            foreach (int version in byVersion.Keys)
            {
                var options = new PhantomOptions { Size = 1024, Frames = 12, Fps = 2, PhantomVersion = version, Native = version == 2 ? false : null };
                var run = PhantomGenerator.Generate(seed + (ulong)k, options, 1, ct);
                byVersion[version].Add(VesselDensity.AreaFraction(run.Frames, run.Width, run.Height));
            }
        }
        progress?.Report(new WorkProgress(count, count));
        var md = new StringBuilder();
        md.AppendLine($"# Vessel density: phantom 1 vs phantom 2 vs real ({count} seeds from {seed})").AppendLine();
        md.AppendLine("Vessel area fraction of the central 70% (phantom runs drawn at 1024 px; MinIP block-averaged to 256 px, > 3 noise σ below a 3-px background; Report/VesselDensity.cs).").AppendLine();
        md.AppendLine("| Source | Vessel area fraction (mean ± SD) | Gap to real |").AppendLine("|---|---|---|");
        double? reference = real.Count > 0 ? real.Average(r => r.Value) : null;
        string Gap(double v) => reference is { } r ? F(v - r) : "–";
        foreach (var (version, values) in byVersion)
            md.AppendLine($"| phantom {version} | {F(values.Average())} ± {F(Sd(values))} | {Gap(values.Average())} |");
        foreach (var (name, value) in real) md.AppendLine($"| real: {name} | {F(value)} | 0 |");
        File.WriteAllText(Path.Combine(dir, "vessel-density.md"), md.ToString());
        File.WriteAllText(Path.Combine(dir, "vessel-density.json"), JsonSerializer.Serialize(new
        {
            seed, count, phantom1 = byVersion[1], phantom2 = byVersion[2], real = real.Select(r => new { file = r.Name, vesselAreaFraction = r.Value }),
        }, DomainJson.Options) + "\n");
        return md.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
    }

    /// <summary>All frames of a real XA file (grey, one sample per pixel), MONOCHROME1 inverted so vessels are dark.</summary>
    static double MeasureFile(string path)
    {
        var pixels = PixelData.From(DicomFile.Open(path));
        var p = pixels.Pixels;
        if (p.SamplesPerPixel != 1) throw new InvalidDataException($"{path}: {p.SamplesPerPixel} samples per pixel; the vessel-density measure needs grey frames");
        int max = (1 << p.BitsStored) - 1;
        var frames = Enumerable.Range(0, pixels.FrameCount).Select(f => pixels.DecodeFrame(f).Samples)
            .Select(s => p.Photometric == "MONOCHROME1" ? s.Select(v => (ushort)(max - Math.Min(max, (int)v))).ToArray() : s).ToList();
        return VesselDensity.AreaFraction(frames, p.Columns, p.Rows);
    }

    static double Sd(List<double> v)
    {
        double m = v.Average();
        return v.Count > 1 ? Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / (v.Count - 1)) : 0;
    }

    static string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
}
