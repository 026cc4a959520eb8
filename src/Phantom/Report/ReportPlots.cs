using OccluNet.Live.Phantom.Anatomy;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Flow;

namespace OccluNet.Live.Phantom.Report;

/// <summary>The report's pictures.</summary>
internal static class ReportPlots
{
    public static void Curves(string path, PhantomCase c)
    {
        var tree = AnatomyBuilder.Build(c);
        var flow = FlowModel.Solve(tree, c, null);
        double inj = c.Flow.InjectionStartS;
        var t = Enumerable.Range(0, 241).Select(i => i * 0.05).ToArray();
        double[] Curve(GammaCurve g) => t.Select(x => g.At(x + inj) / g.Peak).ToArray();
        var leaf = tree.Edges.Where(e => e.IsLeaf && e.Segment == VesselSegment.McaDistal).OrderBy(e => flow.Antegrade[e.Id].Ttp).ElementAt(tree.Edges.Count(e => e.IsLeaf && e.Segment == VesselSegment.McaDistal) / 2);
        new ChartWriter("Time-density curves, normal case (each normalised to its peak)", "seconds after injection start", "relative opacification")
            .Line("ICA (cavernous)", t, Curve(flow.Antegrade[tree.First("ICA-cavernous")]))
            .Line("M1", t, Curve(flow.Antegrade[tree.First("M1")]))
            .Line("cortical MCA branch", t, Curve(flow.Antegrade[leaf.Id]))
            .Line("parenchyma (blush)", t, Curve(flow.BlushNormal))
            .Line("cortical vein", t, Curve(flow.Antegrade[tree.First("cortical-vein")]))
            .Line("superior sagittal sinus", t, Curve(flow.Antegrade[tree.Named["SSS"][^1]]))
            .Save(path);
    }

    public static void Diameters(string path, ulong seed, int cases)
    {
        var bins = Enumerable.Range(0, 20).Select(i => i * 0.5 + 0.25).ToArray();
        var at512 = new double[bins.Length];
        var at256 = new double[bins.Length];
        for (int k = 0; k < cases; k++)
        {
            var c = CaseSampler.Sample(seed + (ulong)k, new PhantomOptions());
            var tree = AnatomyBuilder.Build(c);
            double fov = c.Acquisition.FieldOfViewMm;
            foreach (var e in tree.Edges.Where(e => e.Kind == VesselKind.Artery && e.Segment != VesselSegment.ExternalCarotid))
            {
                double d = 2 * e.MeanRadius;
                Add(at512, d / (fov / 512), e.Length);
                Add(at256, d / (fov / 256), e.Length);
            }
        }
        double total = at512.Sum();
        new ChartWriter($"Intracranial artery diameters in pixels ({cases} cases, length-weighted)", "diameter (px)", "fraction of vessel length")
            .Bars("512 px", bins, at512.Select(x => x / total).ToArray())
            .Bars("256 px", bins, at256.Select(x => x / total).ToArray())
            .Save(path);
    }

    static void Add(double[] hist, double px, double weight) => hist[Math.Min(hist.Length - 1, (int)(px / 0.5))] += weight;

    /// <summary>Frames, MinIP beside the twin's MinIP, and the collateral curves of the hard case; returns the run.</summary>
    public static PhantomRun HardCase(string dir, PhantomCase c, CancellationToken ct)
    {
        const int size = 512;
        var run = PhantomGenerator.Generate(c, size, 2, ct);
        var twinCase = c.WithoutOcclusion();
        var twin = PhantomGenerator.Generate(twinCase, size, 2, ct);
        int n = run.Frames.Length;
        var pick = Enumerable.Range(0, 7).Select(i => i * (n - 1) / 6).Distinct().ToList();
        PngWriter.WriteStrip(Path.Combine(dir, "hard-case-frames.png"), pick.Select(i => run.Frames[i]).ToList(),
            pick.Select(i => $"{run.FrameTimesMs[i] / 1000:0.0} s {run.GroundTruth.Phases[i]}{(run.Truth.Occlusion!.IsVisibleIn(i) ? " *" : "")}").ToList(), size, size, run.BitsStored, 360);
        PngWriter.WriteStrip(Path.Combine(dir, "hard-case-minip.png"), new[] { MinIp(run.Frames), MinIp(twin.Frames) },
            new[] { $"MinIP, M1 occlusion (difficulty {run.GroundTruth.MinipDifficulty})", "MinIP, same case without occlusion" }, size, size, run.BitsStored, 512);
        var tree = AnatomyBuilder.Build(c);
        var clot = ClotPlacer.Place(tree, c.Occlusion!, c.Seed);
        var flow = FlowModel.Solve(tree, c, clot);
        var normal = FlowModel.Solve(tree, c, null);
        var m2 = clot.Blocked.Where(e => tree.Edges[e].Segment == VesselSegment.M2).DefaultIfEmpty(clot.ClotBody[^1]).First();
        var cortical = clot.Inlets[0];
        var t = Enumerable.Range(0, 281).Select(i => i * 0.05).ToArray();
        double inj = c.Flow.InjectionStartS;
        new ChartWriter($"Hard case: occluded MCA branches fill late and retrogradely (grade {c.Occlusion!.CollateralGrade})", "seconds after injection start", "mg iodine / mL")
            .Line("M2 trunk, occluded", t, t.Select(x => flow.Concentration(m2, x + inj)).ToArray())
            .Line("M2 trunk, twin", t, t.Select(x => normal.Concentration(m2, x + inj)).ToArray())
            .Line("cortical branch, occluded", t, t.Select(x => flow.Concentration(cortical, x + inj)).ToArray())
            .Line("cortical branch, twin", t, t.Select(x => normal.Concentration(cortical, x + inj)).ToArray())
            .Line("stump at the clot", t, t.Select(x => flow.Concentration(clot.FaceEdge, x + inj)).ToArray())
            .Save(Path.Combine(dir, "collateral-curves.png"));
        return run;
    }

    public static void Negative(string path, ulong seed, CancellationToken ct)
    {
        const int size = 512;
        var run = PhantomGenerator.Generate(seed, new PhantomOptions { Size = size, Negative = NegativeKind.Normal, View = PhantomView.Lateral, Frames = 14, Fps = 1.5 }, 2, ct);
        var pick = Enumerable.Range(0, 7).Select(i => i * (run.Frames.Length - 1) / 6).Distinct().ToList();
        PngWriter.WriteStrip(path, pick.Select(i => run.Frames[i]).ToList(), pick.Select(i => $"{run.FrameTimesMs[i] / 1000:0.0} s {run.GroundTruth.Phases[i]}").ToList(), size, size, run.BitsStored, 360);
    }

    /// <summary>Per-pixel minimum over the frames after the first (vessels are dark).</summary>
    public static ushort[] MinIp(ushort[][] frames)
    {
        var min = (ushort[])frames[Math.Min(1, frames.Length - 1)].Clone();
        for (int f = 2; f < frames.Length; f++)
            for (int i = 0; i < min.Length; i++) min[i] = Math.Min(min[i], frames[f][i]);
        return min;
    }
}
