using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Truth;

/// <summary>
/// Builds a run's ground truth (spec 5.4). Box semantics: both boxes are about the clot's proximal face (the end of the
/// opacified stump), the point the paper's 25-px centre criterion is measured from; the fixed box is 40 px at 1024
/// scaled to the run's width. A frame shows the occlusion when the stump at the face holds at least 20% of its peak
/// contrast and the face lies inside the image.
/// </summary>
internal static class TruthBuilder
{
    public const double VisibilityFraction = 0.2;

    public static PhantomGroundTruth Build(PhantomScene scene, string runId, (double Sigmas, double Deficit) minIp)
    {
        var c = scene.Case;
        var acq = c.Acquisition;
        var times = acq.FrameTimesS;
        int frames = times.Length;
        var visible = new bool[frames];
        var conspicuity = new double[frames];
        OcclusionTruth? occlusion = null;
        CollateralTruth? collateral = null;
        double sigma = scene.Renderer.SigmaSubtracted;
        if (scene.Clot is { } clot)
        {
            var face = scene.Tree.Edges[clot.FaceEdge];
            var (fx, fy) = scene.Projector.Project(face.P1);
            bool inside = fx >= 0 && fy >= 0 && fx < scene.Width && fy < scene.Height;
            double peak = scene.Flow.Antegrade[face.Id].Peak;
            double weight = MaxWeight(scene, face.Id);
            for (int f = 0; f < frames; f++)
            {
                double conc = scene.Flow.Concentration(face.Id, times[f]);
                visible[f] = inside && peak > 0 && conc >= VisibilityFraction * peak;
                conspicuity[f] = conc * weight / sigma;
            }
            int first = Array.IndexOf(visible, true), last = Array.LastIndexOf(visible, true);
            float side = 40f * scene.Width / 1024f;
            occlusion = new OcclusionTruth(clot.Plan.Class, (float)fx, (float)fy, TightBox(scene, clot), Box.FromCenter((float)fx, (float)fy, side, side), first, last);
            collateral = Collaterals(scene, clot);
        }
        return new PhantomGroundTruth
        {
            Truth = new RunTruth(runId, scene.Width, scene.Height, acq.View == PhantomView.Ap ? "AP" : "LAT", occlusion),
            RunId = runId, Seed = c.Seed, GeneratorVersion = c.GeneratorVersion, View = acq.View,
            Width = scene.Width, Height = scene.Height, BitsStored = c.Image.BitsStored, PixelSpacingMm = scene.Projector.PixelMm,
            Category = c.Occlusion?.Class.ToString() ?? $"Negative-{c.Negative}",
            Class = c.Occlusion?.Class, SubLocation = c.Occlusion?.SubLocation, Negative = c.Negative,
            ClotFace = c.Occlusion?.Face, ClotLengthMm = c.Occlusion?.ClotLengthMm,
            FrameTimesMs = times.Select(t => Math.Round((t - times[0]) * 1000, 6)).ToArray(),
            FrameTimesFromInjectionS = times.Select(t => Math.Round(t - c.Flow.InjectionStartS, 4)).ToArray(),
            Phases = times.Select(t => scene.TwinFlow.PhaseAt(t)).ToArray(),
            NominalFps = acq.NominalFps, Visible = visible, Conspicuity = conspicuity.Select(v => Math.Round(v, 3)).ToArray(),
            Collateral = collateral,
            MinipDifficulty = scene.Clot == null ? null : Math.Round(minIp.Deficit, 4),
            MinipDifficultySigma = scene.Clot == null ? null : Math.Round(minIp.Sigmas, 3),
            TimingDependent = scene.Clot != null && minIp.Deficit < PhantomGroundTruth.TimingDependentThreshold,
            NoiseSigmaD = sigma, Parameters = c,
            Devices = c.Phantom2 is not null ? Devices.DeviceRasterizer.Truth(scene.Devices, scene.Projector) : null,
        };
    }

    /// <summary>
    /// A native run stores its mask first (<paramref name="maskLeadMs"/> before the first live frame): every per-frame
    /// array gains a leading entry (phase "mask", not visible) and frame indices move by one.
    /// </summary>
    public static PhantomGroundTruth WithMaskFrame(PhantomGroundTruth g, double maskLeadMs)
    {
        var o = g.Truth.Occlusion;
        return g with
        {
            Truth = g.Truth with { Occlusion = o == null ? null : o with { FirstVisibleFrame = Shift(o.FirstVisibleFrame), LastVisibleFrame = Shift(o.LastVisibleFrame) } },
            MaskFrame = 0,
            FrameTimesMs = g.FrameTimesMs.Select(t => Math.Round(t + maskLeadMs, 6)).Prepend(0).ToArray(),
            FrameTimesFromInjectionS = g.FrameTimesFromInjectionS.Prepend(Math.Round(g.FrameTimesFromInjectionS[0] - maskLeadMs / 1000, 4)).ToArray(),
            Phases = g.Phases.Prepend("mask").ToArray(),
            Visible = g.Visible.Prepend(false).ToArray(),
            Conspicuity = g.Conspicuity.Prepend(0).ToArray(),
            Collateral = g.Collateral is { } col ? col with { FilledFraction = col.FilledFraction.Prepend(0).ToArray() } : null,
        };
    }

    static int Shift(int frame) => frame < 0 ? frame : frame + 1;

    static double MaxWeight(PhantomScene scene, int edge)
    {
        var stamps = scene.Stamps;
        float max = 0;
        for (int i = stamps.Offsets[edge]; i < stamps.Offsets[edge + 1]; i++) max = Math.Max(max, stamps.Weights[i]);
        return max;
    }

    /// <summary>Bounds of the clot face (± its radius) and the clot body, at least 3 px wide.</summary>
    static Box TightBox(PhantomScene scene, Flow.Clot clot)
    {
        var tree = scene.Tree;
        var face = tree.Edges[clot.FaceEdge];
        double x1 = double.MaxValue, y1 = double.MaxValue, x2 = double.MinValue, y2 = double.MinValue;
        void Include(Vec3 p, double rMm)
        {
            var (x, y) = scene.Projector.Project(p);
            double r = Math.Max(1.5, rMm / scene.Projector.PixelMm);
            x1 = Math.Min(x1, x - r); y1 = Math.Min(y1, y - r); x2 = Math.Max(x2, x + r); y2 = Math.Max(y2, y + r);
        }
        Include(face.P1, face.R1);
        foreach (int e in clot.ClotBody)
        {
            Include(tree.Edges[e].P0, tree.Edges[e].R0);
            Include(tree.Edges[e].P1, tree.Edges[e].R1);
        }
        return new Box((float)x1, (float)y1, (float)x2, (float)y2);
    }

    static CollateralTruth Collaterals(PhantomScene scene, Flow.Clot clot)
    {
        var plan = clot.Plan;
        var tree = scene.Tree;
        var times = scene.Case.Acquisition.FrameTimesS;
        double total = clot.Blocked.Sum(e => tree.Edges[e].Length);
        var filled = new double[times.Length];
        for (int f = 0; f < times.Length; f++)
        {
            double len = 0;
            foreach (int e in clot.Blocked)
            {
                double normal = scene.TwinFlow.Antegrade[e].Peak;
                if (normal > 0 && scene.Flow.Concentration(e, times[f]) >= VisibilityFraction * normal) len += tree.Edges[e].Length;
            }
            filled[f] = total > 0 ? Math.Round(len / total, 4) : 0;
        }
        var arrivals = clot.Blocked.Select(e => scene.Flow.CollateralArrivalS[e]).Where(a => !double.IsNaN(a)).ToList();
        var proximal = clot.ClotBody.Select(e => scene.Flow.CollateralArrivalS[e]).Where(a => !double.IsNaN(a)).ToList();
        return new CollateralTruth(plan.CollateralGrade, plan.CollateralDelayS, plan.CollateralPeakFraction, plan.RetrogradeSpeedMmPerS,
            arrivals.Count > 0 ? arrivals.Min() : null, proximal.Count > 0 ? proximal.Min() : null, filled);
    }
}
