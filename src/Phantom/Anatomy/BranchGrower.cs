using OccluNet.Live.Phantom.Geometry;
using OccluNet.Live.Phantom.Randomness;

namespace OccluNet.Live.Phantom.Anatomy;

/// <summary>
/// Grows the distal arterial trees: each branch is a persistent random walk steered along its territory's cortical
/// band; at its end it splits into two daughters with Murray radii (r0^k = r1^k + r2^k, asymmetric flow split 0.5–0.8)
/// and minimum-work angles with jitter (spec 1.4), until the leaf radius is reached.
/// </summary>
internal sealed class BranchGrower
{
    const double StepMm = 2.0;
    public const double PhantomOneSideBranchChance = 0.12;
    readonly VesselTree tree;
    readonly AnatomyParameters anatomy;
    readonly double sideBranchChance, lengthScale;

    /// <param name="sideBranchChance">Chance per 2-mm step of a side branch (phantom 1: 0.12; phantom 2 draws a denser 0.28–0.36).</param>
    /// <param name="lengthScale">Branch length between splits relative to phantom 1 (phantom 2: 0.6–0.8, so more splits per mm).</param>
    public BranchGrower(VesselTree tree, AnatomyParameters anatomy, double sideBranchChance = PhantomOneSideBranchChance, double lengthScale = 1)
    {
        this.tree = tree;
        this.anatomy = anatomy;
        this.sideBranchChance = sideBranchChance;
        this.lengthScale = lengthScale;
    }

    /// <summary>Grow a branch of radius <paramref name="radius"/> from the end of edge <paramref name="parent"/>.</summary>
    public void Grow(int parent, Vec3 start, Vec3 dir, double radius, Shell shell, Territory territory,
        VesselSegment segment, ref Xoshiro256 rng, int depth = 0)
    {
        double length = (radius * rng.Uniform(12, 22) + rng.Uniform(2, 5)) * lengthScale;
        double rEnd = radius * rng.Uniform(0.9, 0.97);
        int steps = Math.Max(1, (int)Math.Ceiling(length / StepMm));
        var p = start;
        int last = parent;
        dir = dir.Normalized();
        for (int i = 0; i < steps; i++)
        {
            var noise = new Vec3(rng.Gaussian(), rng.Gaussian(), rng.Gaussian()) * 0.3;
            dir = (dir + noise + shell.Steer(p, dir)).Normalized();
            var next = p + dir * (length / steps);
            double r0 = radius + (rEnd - radius) * i / steps, r1 = radius + (rEnd - radius) * (i + 1) / steps;
            last = tree.Add(last, p, next, r0, r1, VesselKind.Artery, segment, territory);
            p = next;
            if (i < steps - 1 && depth < 24 && rng.Chance(sideBranchChance))
                SideBranch(last, p, dir, ref radius, ref rEnd, shell, territory, ref rng, depth);
        }
        if (rEnd < anatomy.LeafRadiusMm * 1.3 || depth > 24) return;
        Split(last, p, dir, rEnd, shell, territory, ref rng, depth);
    }

    /// <summary>
    /// A small side branch off a running artery (cortical arteries give many): radius 0.3–0.5 of the parent, which
    /// keeps Murray's law by shrinking to (r^k − r_side^k)^(1/k).
    /// </summary>
    void SideBranch(int parent, Vec3 p, Vec3 dir, ref double radius, ref double rEnd, Shell shell, Territory territory, ref Xoshiro256 rng, int depth)
    {
        double side = radius * rng.Uniform(0.3, 0.5);
        if (side < anatomy.LeafRadiusMm) return;
        double k = anatomy.MurrayExponent;
        if (sideBranchChance == PhantomOneSideBranchChance) // phantom 2's side branches are small perforators: the parent hardly tapers
        {
            double shrink = DetMath.Pow(1 - DetMath.Pow(side / radius, k), 1 / k);
            radius *= shrink;
            rEnd *= shrink;
        }
        var axis = (shell.Normal(p) + new Vec3(rng.Gaussian(), rng.Gaussian(), rng.Gaussian()) * 0.3).Normalized();
        var d = dir.Rotate(axis, (rng.Chance(0.5) ? 1 : -1) * rng.Uniform(0.9, 1.4));
        Grow(parent, p, d, side, shell, territory, SegmentOf(territory), ref rng, depth + 1);
    }

    void Split(int parent, Vec3 p, Vec3 dir, double r0, Shell shell, Territory territory, ref Xoshiro256 rng, int depth)
    {
        double k = anatomy.MurrayExponent;
        double f = rng.Uniform(0.5, 0.8);
        double r1 = r0 * DetMath.Pow(f, 1 / k), r2 = r0 * DetMath.Pow(1 - f, 1 / k);
        var axis = (shell.Normal(p) + new Vec3(rng.Gaussian(), rng.Gaussian(), rng.Gaussian()) * 0.3).Normalized();
        var d1 = Daughter(dir, axis, r0, r1, r2, +1, ref rng);
        var d2 = Daughter(dir, axis, r0, r2, r1, -1, ref rng);
        if (r1 >= anatomy.LeafRadiusMm) Grow(parent, p, d1, r1, shell, territory, SegmentOf(territory), ref rng, depth + 1);
        if (r2 >= anatomy.LeafRadiusMm) Grow(parent, p, d2, r2, shell, territory, SegmentOf(territory), ref rng, depth + 1);
    }

    /// <summary>Direction of a daughter of radius r1 beside a sibling r2: cos θ = (r0⁴ + r1⁴ − r2⁴) / (2 r0² r1²).</summary>
    static Vec3 Daughter(Vec3 dir, Vec3 axis, double r0, double r1, double r2, int side, ref Xoshiro256 rng)
    {
        double cos = (r0 * r0 * r0 * r0 + r1 * r1 * r1 * r1 - r2 * r2 * r2 * r2) / (2 * r0 * r0 * r1 * r1);
        cos = Math.Clamp(cos, -1, 1);
        double sin = DetMath.Sqrt(1 - cos * cos) * side;
        var d = dir.Rotate(axis, cos, sin);
        return d.Rotate(axis, rng.Gaussian() * 0.2).Normalized(); // ±12° jitter
    }

    static VesselSegment SegmentOf(Territory territory) => territory switch
    {
        Territory.Aca => VesselSegment.AcaDistal,
        Territory.Pca => VesselSegment.PcaDistal,
        Territory.Eca => VesselSegment.ExternalCarotid,
        _ => VesselSegment.McaDistal,
    };
}
