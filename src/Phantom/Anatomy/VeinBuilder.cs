using OccluNet.Live.Phantom.Geometry;
using OccluNet.Live.Phantom.Randomness;

namespace OccluNet.Live.Phantom.Anatomy;

/// <summary>
/// Veins and sinuses (spec 1.8): superior sagittal sinus along the inner table, torcula, transverse and sigmoid sinuses
/// to the jugulars (contralateral often smaller), straight sinus with internal cerebral veins and the vein of Galen,
/// and cortical veins of the injected hemisphere draining up into the SSS, plus a vein of Labbé to the transverse sinus.
/// Each piece carries its delay along the drainage path, so the sinuses opacify after the cortical veins.
/// </summary>
internal static class VeinBuilder
{
    public static void Build(VesselTree tree, ulong seed, AnatomyParameters a)
    {
        var rng = Xoshiro256.For(seed, PhantomStream.Veins);
        double s = a.HeadScale;
        var c = AnatomyBuilder.BrainCenter * s;
        var ax = AnatomyBuilder.BrainSemiAxes * s;
        Vec3 OnShell(double theta, double x, double rho) // theta: angle in the midline plane from anterior (0) over the top
        {
            double y = ax.Y * rho * DetMath.Cos(theta), z = ax.Z * rho * DetMath.Sin(theta);
            return c + new Vec3(x, y, z);
        }

        var sss = new List<Vec3>();
        for (double th = 0.35; th <= Math.PI + 0.25; th += 0.12) sss.Add(OnShell(th, 0, 1.02));
        var torcula = new Vec3(0, c.Y - ax.Y * 1.0, c.Z - ax.Z * 0.45);
        sss.Add(torcula);
        Sinus(tree, "SSS", Spline.Sample(sss, 2.5), 1.4, 4.2, 0.3, 1.0, rng.Uniform(0.9, 1.1));

        var straight = new List<Vec3> { new(0, 18 * s, 14 * s), new(0, -8 * s, 16 * s), new(0, -25 * s, 12 * s), new(0, -50 * s, 8 * s), torcula };
        var deep = tree.AddChain(-1, Spline.Sample(straight.Take(3).ToList(), 2.5), 0.8, 1.2, VesselKind.Vein, VesselSegment.DeepVein, Territory.None, 0.5, 0.9);
        foreach (int id in deep) tree.Name("deep-vein", id);
        Sinus(tree, "straight-sinus", Spline.Sample(straight.Skip(2).ToList(), 2.5), 1.6, 2.2, 0.9, 1.1, 1);

        foreach (int side in new[] { +1, -1 })
        {
            double r = side > 0 ? rng.Uniform(3.2, 4.2) : (a.ContralateralTransverseHypoplasia ? rng.Uniform(1.0, 1.8) : rng.Uniform(2.6, 3.8));
            var pts = new List<Vec3>
            {
                torcula,
                new(side * 30 * s, torcula.Y + 6 * s, torcula.Z - 4 * s),
                new(side * 52 * s, torcula.Y + 22 * s, torcula.Z - 10 * s),
                new(side * 50 * s, -30 * s, -42 * s),
                new(side * 45 * s, -24 * s, -62 * s),
                new(side * 40 * s, -20 * s, -100 * s),
                new(side * 38 * s, -18 * s, -150 * s),
            };
            Sinus(tree, side > 0 ? "transverse-ipsilateral" : "transverse-contralateral", Spline.Sample(pts, 2.5), r, r * 1.1, 1.1, 1.8, 1);
        }

        for (int i = 0; i < a.CorticalVeins; i++)
        {
            double theta = rng.Uniform(0.5, 2.9);
            var start = OnShell(theta - rng.Uniform(-0.15, 0.15), 0, 1) + new Vec3(rng.Uniform(45, 60) * s, 0, -rng.Uniform(20, 40) * s);
            var end = OnShell(theta, 0, 1.02);
            var mid = Vec3.Lerp(start, end, 0.5) + new Vec3(rng.Uniform(5, 12) * s, rng.Gaussian() * 6, rng.Uniform(5, 15) * s);
            var pts = Spline.Sample(new[] { start, mid + new Vec3(rng.Gaussian() * 3, rng.Gaussian() * 3, 0), end }, 2.0);
            double r = rng.Uniform(0.6, 1.3);
            var ids = tree.AddChain(-1, pts, r * 0.6, r, VesselKind.Vein, VesselSegment.CorticalVein, Territory.Mca, 0, 0.35);
            foreach (int id in ids) tree.Name("cortical-vein", id);
        }
        var labbe = Spline.Sample(new[] { new Vec3(55 * s, 5 * s, -20 * s), new Vec3(56 * s, -25 * s, -22 * s), new Vec3(52 * s, -55 * s, -24 * s), new Vec3(50 * s, torcula.Y + 22 * s, torcula.Z - 10 * s) }, 2.0);
        var labbeIds = tree.AddChain(-1, labbe, 0.7, 1.3, VesselKind.Vein, VesselSegment.CorticalVein, Territory.Mca, 0.1, 0.6);
        foreach (int id in labbeIds) tree.Name("cortical-vein", id);
    }

    static void Sinus(VesselTree tree, string name, List<Vec3> pts, double r0, double r1, double delay0, double delay1, double scale)
    {
        var ids = tree.AddChain(-1, pts, r0 * scale, r1 * scale, VesselKind.Vein, VesselSegment.Sinus, Territory.None, delay0, delay1);
        foreach (int id in ids) tree.Name(name, id);
    }
}
