using System.Text;
using System.Text.Json;
using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Phantom.Report;

/// <summary>
/// `occlunet synth --report DIR`: the realism table (report.md, realism.json) over <c>count</c> sampled cases, and PNGs:
/// time–density curves, collateral curves of the hard case, vessel-diameter histogram, frames and MinIP of a hard
/// ("MinIP looks normal") M1 case beside its no-occlusion twin, and frames of a negative.
/// </summary>
public static class RealismReport
{
    /// <param name="progress">Cases sampled of <paramref name="count"/> (the plots after them take a few seconds).</param>
    public static IReadOnlyList<string> Write(string dir, ulong seed, int count, CancellationToken ct, IProgress<WorkProgress>? progress = null)
    {
        Directory.CreateDirectory(dir);
        var rows = RealismStatistics.Measure(seed, count, ct, progress);
        var md = new StringBuilder();
        md.AppendLine($"# Phantom realism checks ({count} sampled cases from seed {seed}, generator {PhantomCase.Version})").AppendLine();
        md.AppendLine("| # | Statistic | Phantom | Literature | Source |").AppendLine("|---|---|---|---|---|");
        foreach (var r in rows) md.AppendLine($"| {r.Number} | {r.Statistic} | {r.Phantom} | {r.Literature} | {r.Source} |");
        var hard = HardCase(seed, ct);
        var curveCase = CaseSampler.Sample(seed, new PhantomOptions { Negative = NegativeKind.Normal });
        ReportPlots.Curves(Path.Combine(dir, "tdc-curves.png"), curveCase);
        ReportPlots.Diameters(Path.Combine(dir, "diameter-histogram.png"), seed, Math.Min(count, 40));
        var hardRuns = ReportPlots.HardCase(dir, hard, ct);
        ReportPlots.Negative(Path.Combine(dir, "negative-frames.png"), seed, ct);
        md.AppendLine().AppendLine($"Hard case: seed {hard.Seed}, {hard.Occlusion!.SubLocation}, collateral grade {hard.Occlusion.CollateralGrade}, " +
            $"delay {hard.Occlusion.CollateralDelayS:0.0} s, MinIP difficulty {hardRuns.GroundTruth.MinipDifficulty} (timing-dependent below {Truth.PhantomGroundTruth.TimingDependentThreshold}).");
        md.AppendLine().AppendLine("Plots: tdc-curves.png, collateral-curves.png, diameter-histogram.png, hard-case-frames.png, hard-case-minip.png, negative-frames.png.");
        File.WriteAllText(Path.Combine(dir, "report.md"), md.ToString());
        File.WriteAllText(Path.Combine(dir, "realism.json"), JsonSerializer.Serialize(new { seed, count, rows }, DomainJson.Options) + "\n");
        return md.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
    }

    /// <summary>The first M1 case from <paramref name="seed"/> on, drawn with the default parameters, whose MinIP hardly shows it.</summary>
    public static PhantomCase HardCase(ulong seed, CancellationToken ct)
    {
        for (ulong s = seed; s < seed + 200; s++)
        {
            ct.ThrowIfCancellationRequested();
            var options = new PhantomOptions { Size = 128, Class = Domain.OcclusionClass.M1, View = PhantomView.Ap, Frames = 14, Fps = 1.5 };
            var run = PhantomGenerator.Generate(s, options, 1, ct);
            if (run.GroundTruth.TimingDependent && run.Truth.Occlusion!.FirstVisibleFrame > 0) return CaseSampler.Sample(s, options);
        }
        throw new InvalidOperationException($"no timing-dependent M1 case among 200 seeds from {seed}");
    }
}
