using OccluNet.Live.Phantom.Geometry;
using OccluNet.Live.Phantom.Randomness;

namespace OccluNet.Live.Phantom.Anatomy;

/// <summary>
/// Builds one case's 3D arteries: a jittered template trunk (CCA, ECA, ICA C1–C7, ophthalmic, PCoA, AChA, M1 with
/// lenticulostriates, M2 trunks, A1/A2) with literature diameters (spec 1.3), then grown distal MCA/ACA (and PCA for a
/// fetal PCoA) trees; veins come from <see cref="VeinBuilder"/>. Head coordinates: see <see cref="Vec3"/>.
/// </summary>
internal static class AnatomyBuilder
{
    public static readonly Vec3 BrainCenter = new(0, -10, 18);
    public static readonly Vec3 BrainSemiAxes = new(68, 86, 62);

    /// <summary>The tree of a case: phantom 2 grows its cortical trees denser (<see cref="Cases.Phantom2Parameters"/>).</summary>
    public static VesselTree Build(Cases.PhantomCase c) => Build(c.Seed, c.Anatomy, c.Phantom2);

    public static VesselTree Build(ulong seed, AnatomyParameters a, Cases.Phantom2Parameters? phantom2 = null)
    {
        var rng = Xoshiro256.For(seed, PhantomStream.Anatomy);
        var tree = new VesselTree();
        double s = a.HeadScale, ds = a.DiameterScale;
        Vec3 J(double x, double y, double z, ref Xoshiro256 r, double sd = 1.5) =>
            new Vec3(x, y, z) * s + new Vec3(r.Gaussian(), r.Gaussian(), r.Gaussian()) * sd;

        var cca = Chain(tree, "CCA", -1, new[] { J(24, -8, -170, ref rng), J(25, -7, -140, ref rng), new Vec3(25, -6, -110) * s },
            3.6 * ds, 3.5 * ds, VesselSegment.CommonCarotid, Territory.None);
        int bifurcation = cca[^1];
        BuildEca(tree, bifurcation, a, ref rng);

        var cervical = Chain(tree, "ICA-cervical", bifurcation,
            new[] { new Vec3(25, -6, -110) * s, J(26, -9, -100, ref rng), J(26, -11, -80, ref rng), J(24, -12, -60, ref rng), J(23, -11, -45, ref rng, 1) },
            3.4 * ds, 2.35 * ds, VesselSegment.IcaCervical, Territory.None);
        var petrous = Chain(tree, "ICA-petrous", cervical[^1],
            new[] { tree.Edges[cervical[^1]].P1, J(21, -9, -38, ref rng, 1), J(17, -2, -33, ref rng, 1), J(16, 5, -27, ref rng, 1) },
            2.4 * ds, 2.5 * ds, VesselSegment.IcaPetrous, Territory.None);
        var cavernous = Chain(tree, "ICA-cavernous", petrous[^1],
            new[] { tree.Edges[petrous[^1]].P1, J(16, 9, -22, ref rng, 1), J(17, 14, -18, ref rng, 1), J(18, 18, -12, ref rng, 1) },
            2.5 * ds, 2.25 * ds, VesselSegment.IcaCavernous, Territory.None);
        var terminus = J(18, 9, 0, ref rng, 1);
        var supra = Chain(tree, "ICA-supraclinoid", cavernous[^1],
            new[] { tree.Edges[cavernous[^1]].P1, J(17, 15, -6, ref rng, 1), terminus },
            2.15 * ds, 1.8 * ds, VesselSegment.IcaSupraclinoid, Territory.None);

        BuildSmallIcaBranches(tree, a, supra, ref rng);
        var brain = new Shell(BrainCenter * s, BrainSemiAxes * s, 0.8, 0.97);
        var grower = phantom2 == null ? new BranchGrower(tree, a) : new BranchGrower(tree, a, phantom2.SideBranchChance, phantom2.BranchLengthScale);
        BuildMca(tree, grower, a, supra[^1], brain, ref rng);
        BuildAca(tree, grower, a, supra[^1], brain, ref rng);
        VeinBuilder.Build(tree, seed, a);
        return tree;
    }

    static List<int> Chain(VesselTree tree, string name, int parent, IReadOnlyList<Vec3> control, double r0, double r1,
        VesselSegment segment, Territory territory)
    {
        var ids = tree.AddChain(parent, Spline.Sample(control, 2.0), r0, r1, VesselKind.Artery, segment, territory);
        foreach (int id in ids) tree.Name(name, id);
        return ids;
    }

    static void BuildSmallIcaBranches(VesselTree tree, AnatomyParameters a, List<int> supra, ref Xoshiro256 rng)
    {
        double s = a.HeadScale, ds = a.DiameterScale;
        var genu = tree.Edges[supra[0]].P0;
        Chain(tree, "ophthalmic", tree.Edges[supra[0]].Parent,
            new[] { genu, genu + new Vec3(4, 11, 3) * s, genu + new Vec3(10, 24, 5) * s, genu + new Vec3(12, 34, 3) * s },
            0.7 * ds, 0.45 * ds, VesselSegment.Ophthalmic, Territory.Eca);
        int near = supra[Math.Max(0, supra.Count - 3)];
        var p = tree.Edges[near].P1;
        double pcoaR = (a.FetalPcoa ? 1.0 : 0.45) * ds;
        var pcoa = Chain(tree, "PCoA", near,
            new[] { p, p + new Vec3(-2, -10, -1) * s, p + new Vec3(-3, -20, -2) * s, p + new Vec3(-1, -28, -3) * s },
            pcoaR, pcoaR * 0.95, VesselSegment.PosteriorCommunicating, Territory.Pca);
        if (a.FetalPcoa)
        {
            var occipital = new Shell(BrainCenter * s, BrainSemiAxes * s, 0.8, 0.97, XMin: 4, YMax: -25 * s, ZMin: -30 * s);
            new BranchGrower(tree, a).Grow(pcoa[^1], tree.Edges[pcoa[^1]].P1, new Vec3(0.5, -1, 0.1), pcoaR * 0.95,
                occipital, Territory.Pca, VesselSegment.PcaDistal, ref rng);
        }
        int nearT = supra[^1];
        var q = tree.Edges[nearT].P0;
        Chain(tree, "AChA", tree.Edges[nearT].Parent,
            new[] { q, q + new Vec3(3, -9, 1) * s, q + new Vec3(7, -18, 5) * s, q + new Vec3(9, -27, 9) * s },
            0.35 * ds, 0.25 * ds, VesselSegment.AnteriorChoroidal, Territory.Mca);
    }

    static void BuildMca(VesselTree tree, BranchGrower grower, AnatomyParameters a, int terminusEdge, Shell brain, ref Xoshiro256 rng)
    {
        double s = a.HeadScale, ds = a.DiameterScale, k = a.MurrayExponent;
        var t = tree.Edges[terminusEdge].P1;
        double len = a.M1LengthMm * s;
        var m1 = Chain(tree, "M1", terminusEdge,
            new[] { t, t + new Vec3(len * 0.35, 2, 1.5 + rng.Gaussian()), t + new Vec3(len * 0.7, 2.5 + rng.Gaussian(), 3), t + new Vec3(len, 2 + rng.Gaussian(), 3 + rng.Gaussian()) },
            1.55 * ds, 1.4 * ds, VesselSegment.M1, Territory.Mca);
        for (int i = 0; i < a.Lenticulostriates; i++)
        {
            int at = m1[Math.Min(m1.Count - 2, (int)((0.15 + 0.6 * i / Math.Max(1, a.Lenticulostriates)) * m1.Count))];
            var p = tree.Edges[at].P1;
            double r = rng.Uniform(0.12, 0.2) * ds;
            var top = p + new Vec3(rng.Gaussian() * 3 - 2, rng.Gaussian() * 3, rng.Uniform(14, 22)) * s;
            var ids = tree.AddChain(at, Spline.Sample(new[] { p, Vec3.Lerp(p, top, 0.5) + new Vec3(rng.Gaussian(), rng.Gaussian(), 0), top }, 2.0),
                r, r * 0.8, VesselKind.Artery, VesselSegment.Lenticulostriate, Territory.Mca);
            foreach (int id in ids) tree.Name("lenticulostriate", id);
        }
        if (a.EarlyTemporalBranch)
        {
            int at = m1[m1.Count / 2];
            double r = 0.65 * ds;
            var temporal = new Shell(brain.Center, brain.SemiAxes, 0.78, 0.97, XMin: 28 * s);
            grower.Grow(at, tree.Edges[at].P1, new Vec3(0.7, 0.4, -0.5), r, temporal, Territory.Mca, VesselSegment.McaDistal, ref rng);
        }
        BuildM2(tree, grower, a, m1, brain, ref rng);
    }

    static void BuildM2(VesselTree tree, BranchGrower grower, AnatomyParameters a, List<int> m1, Shell brain, ref Xoshiro256 rng)
    {
        double s = a.HeadScale;
        int divisionEdge = m1[^1];
        var d = tree.Edges[divisionEdge].P1;
        double r0 = tree.Edges[divisionEdge].R1;
        var courses = new List<(Vec3[] pts, Vec3 dir)>
        {
            (new[] { new Vec3(3, 5, 8), new Vec3(6, 7, 18), new Vec3(9, 6, 27) }, new Vec3(1, 0.3, 0.6)),
            (new[] { new Vec3(3, -6, 2), new Vec3(6, -14, 6), new Vec3(9, -23, 12) }, new Vec3(1, -0.6, 0.2)),
        };
        if (a.McaTrunks == 3) courses.Insert(1, (new[] { new Vec3(3, -1, 6), new Vec3(6, -3, 15), new Vec3(9, -6, 23) }, new Vec3(1, -0.1, 0.5)));
        var fractions = Fractions(courses.Count, ref rng);
        for (int i = 0; i < courses.Count; i++)
        {
            double r = 1.2 * a.DiameterScale * DetMath.Pow(fractions[i] * courses.Count, 1 / 3.0); // M2 origin 2.4 ± 0.4 mm (Rai 2013)
            var pts = new List<Vec3> { d };
            foreach (var c in courses[i].pts) pts.Add(d + c * s + new Vec3(rng.Gaussian(), rng.Gaussian(), rng.Gaussian()) * 1.5);
            var ids = tree.AddChain(divisionEdge, Spline.Sample(pts, 2.0), r, r * 0.92, VesselKind.Artery, VesselSegment.M2, Territory.Mca);
            foreach (int id in ids) tree.Name("M2", id);
            tree.Name("M2-trunk", ids[0]);
            var mcaShell = brain with { XMin = 30 * s };
            grower.Grow(ids[^1], tree.Edges[ids[^1]].P1, courses[i].dir, r * 0.92, mcaShell, Territory.Mca, VesselSegment.McaDistal, ref rng);
        }
    }

    static double[] Fractions(int n, ref Xoshiro256 rng)
    {
        var f = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) sum += f[i] = rng.Uniform(0.6, 1.4);
        for (int i = 0; i < n; i++) f[i] /= sum;
        return f;
    }

    static void BuildAca(VesselTree tree, BranchGrower grower, AnatomyParameters a, int terminusEdge, Shell brain, ref Xoshiro256 rng)
    {
        double s = a.HeadScale, ds = a.DiameterScale, k = a.MurrayExponent;
        var t = tree.Edges[terminusEdge].P1;
        double rA1 = (a.A1Hypoplasia ? 0.3 : 1.0) * ds;
        var a1 = Chain(tree, "A1", terminusEdge,
            new[] { t, new Vec3(11, 11 + rng.Gaussian(), 2) * s, new Vec3(3.5, 14, 4) * s },
            rA1, rA1 * 0.95, VesselSegment.A1, Territory.Aca);
        var arc = new List<Vec3> { tree.Edges[a1[^1]].P1 };
        foreach (var c in new[] { (3, 22, 14), (4, 25, 28), (4, 18, 41), (4, 5, 50), (4, -15, 56), (4, -35, 52), (4, -50, 44) })
            arc.Add(new Vec3(c.Item1, c.Item2, c.Item3) * s + new Vec3(rng.Gaussian() * 0.7, rng.Gaussian() * 1.5, rng.Gaussian() * 1.5));
        double rA2 = 1.0 * ds * (a.A1Hypoplasia ? 0.3 : 1.0);
        var a2 = tree.AddChain(a1[^1], Spline.Sample(arc, 2.0), rA2, rA2 * 0.55, VesselKind.Artery, VesselSegment.A2, Territory.Aca);
        foreach (int id in a2) tree.Name("A2", id);
        var medial = new Shell(brain.Center, brain.SemiAxes, 0.6, 0.97, XMin: 2 * s, XMax: 16 * s, ZMin: 0);
        for (int i = 4; i < a2.Count - 2; i += 6)
        {
            var e = tree.Edges[a2[i]];
            double r = e.R1 * rng.Uniform(0.55, 0.8);
            var outward = (e.P1 - BrainCenter * s).Normalized();
            grower.Grow(a2[i], e.P1, (outward + new Vec3(0.2, 0, 0.4)).Normalized(), r, medial, Territory.Aca, VesselSegment.AcaDistal, ref rng);
        }
        var end = tree.Edges[a2[^1]];
        grower.Grow(a2[^1], end.P1, new Vec3(0.1, -0.7, 0.4), end.R1, medial, Territory.Aca, VesselSegment.AcaDistal, ref rng);
        _ = k;
    }

    static void BuildEca(VesselTree tree, int bifurcation, AnatomyParameters a, ref Xoshiro256 rng)
    {
        double s = a.HeadScale, ds = a.DiameterScale;
        var local = rng;
        Vec3 P(double x, double y, double z) => new Vec3(x, y, z) * s + new Vec3(local.Gaussian(), local.Gaussian(), local.Gaussian()) * 2;
        var start = tree.Edges[bifurcation].P1;
        var trunk = Chain(tree, "ECA", bifurcation, new[] { start, P(28, 2, -95), P(32, 5, -75), P(38, 2, -55), P(45, -4, -40), P(60, -2, -20), P(72, 0, 10), P(76, -6, 40) },
            2.2 * ds, 1.0 * ds, VesselSegment.ExternalCarotid, Territory.Eca);
        var scalp = new Shell(AnatomyBuilder.BrainCenter * s, AnatomyBuilder.BrainSemiAxes * s, 1.08, 1.16, XMin: 20 * s);
        var grower = new BranchGrower(tree, a with { LeafRadiusMm = Math.Max(a.LeafRadiusMm, 0.3) });
        (Vec3 from, Vec3[] to, double r)[] branches =
        {
            (new Vec3(28, 2, -95), new[] { P(40, 25, -100), P(52, 45, -85) }, 1.1),
            (new Vec3(32, 5, -75), new[] { P(40, -30, -70), P(46, -62, -48), P(40, -88, -18) }, 1.0),
            (new Vec3(38, 2, -55), new[] { P(30, 25, -50), P(20, 45, -44) }, 1.1),
            (new Vec3(38, 2, -55), new[] { P(30, -2, -38), P(48, 6, -18), P(62, 10, 12), P(64, 2, 42) }, 0.8),
        };
        rng = local;
        foreach (var b in branches)
        {
            int at = Nearest(tree, trunk, b.from * s);
            var pts = new List<Vec3> { tree.Edges[at].P1 };
            pts.AddRange(b.to);
            var ids = tree.AddChain(at, Spline.Sample(pts, 2.0), b.r * ds, b.r * ds * 0.75, VesselKind.Artery, VesselSegment.ExternalCarotid, Territory.Eca);
            var last = tree.Edges[ids[^1]];
            grower.Grow(ids[^1], last.P1, (last.P1 - last.P0).Normalized(), last.R1, scalp, Territory.Eca, VesselSegment.ExternalCarotid, ref rng);
        }
        var top = tree.Edges[trunk[^1]];
        grower.Grow(trunk[^1], top.P1, new Vec3(-0.2, 0.3, 1), top.R1, scalp, Territory.Eca, VesselSegment.ExternalCarotid, ref rng);
    }

    static int Nearest(VesselTree tree, List<int> chain, Vec3 p)
    {
        int best = chain[0];
        double bestD = double.MaxValue;
        foreach (int id in chain)
        {
            double d = tree.Edges[id].P1.DistanceTo(p);
            if (d < bestD) { bestD = d; best = id; }
        }
        return best;
    }
}
