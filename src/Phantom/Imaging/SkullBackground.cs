using OccluNet.Live.Phantom.Anatomy;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Geometry;
using OccluNet.Live.Phantom.Randomness;

namespace OccluNet.Live.Phantom.Imaging;

/// <summary>
/// Static attenuation μ_bg (line integral, natural-log units) of the head for one view (spec 3.6): brain as water,
/// an ellipsoidal calvarium of varying thickness, skull base (petrous ridges / clivus), orbits and frontal sinus,
/// teeth and cervical spine. It cancels in the subtraction; what remains is the noise it shapes (fewer quanta behind
/// bone) and the paired bright/dark lines at its edges when the head moves.
/// </summary>
internal static class SkullBackground
{
    const double Water = 0.02, Bone = 0.035; // per mm at the effective energy

    public static float[] Build(Projector proj, PhantomView view, double headScale, ulong seed)
    {
        var rng = Xoshiro256.For(seed, PhantomStream.Background);
        double ph1 = rng.Uniform(0, 6.28), ph2 = rng.Uniform(0, 6.28), thick = rng.Uniform(5, 8) * headScale;
        var c = AnatomyBuilder.BrainCenter * headScale;
        var inner = AnatomyBuilder.BrainSemiAxes * headScale + new Vec3(3, 3, 3);
        var mu = new float[proj.Width * proj.Height];
        // The view is axis-aligned, so a depends on the column and z on the row only: the periodic terms are tabulated once.
        var cols = new (double A, double Wobble, double Teeth)[proj.Width];
        for (int x = 0; x < proj.Width; x++)
        {
            double a = proj.HeadPlaneAt(x + 0.5, 0.5).A;
            cols[x] = (a, DetMath.Sin(0.09 * a + ph1), DetMath.Sin(Math.Abs(a) * 0.9));
        }
        for (int y = 0; y < proj.Height; y++)
        {
            double z = proj.HeadPlaneAt(0.5, y + 0.5).Z;
            var row = new Row(z, DetMath.Cos(0.07 * z + ph2), DetMath.Sin(z * 0.35));
            for (int x = 0; x < proj.Width; x++)
            {
                var (a, wobbleA, teeth) = cols[x];
                var outer = inner + new Vec3(thick, thick, thick) * (1 + 0.12 * wobbleA * row.Wobble);
                double brain = Chord(a, z, c, inner, view), head = Chord(a, z, c, outer, view);
                double m = Water * brain + Bone * (head - brain) * (0.3 + 0.7 * Soft((z - (c.Z - inner.Z * 0.75)) / (8 * headScale), 1));
                m += view == PhantomView.Ap ? ApFeatures(a, row, teeth, headScale) : LateralFeatures(a, row, teeth, headScale);
                mu[y * proj.Width + x] = (float)m;
            }
        }
        return mu;
    }

    readonly record struct Row(double Z, double Wobble, double Spine);

    /// <summary>Length of the ray through an ellipsoid at in-plane position (a, z); AP rays run along y, lateral along x.</summary>
    static double Chord(double a, double z, Vec3 c, Vec3 axes, PhantomView view)
    {
        double da = view == PhantomView.Ap ? (a - c.X) / axes.X : (a - c.Y) / axes.Y;
        double dz = (z - c.Z) / axes.Z;
        double q = 1 - da * da - dz * dz;
        return q <= 0 ? 0 : 2 * (view == PhantomView.Ap ? axes.Y : axes.X) * Math.Sqrt(q);
    }

    static double ApFeatures(double x, Row row, double teeth, double s)
    {
        double ax = Math.Abs(x), m = 0, z = row.Z;
        double ridge = -30 * s - (ax - 20 * s) * 0.25; // petrous ridges rising medially
        m += 0.6 * Inside(ax, 15 * s, 65 * s, 4 * s) * Inside(z, ridge - 6 * s, ridge + 6 * s, 3 * s);
        m -= 0.25 * Soft(1 - Sq((ax - 32 * s) / (17 * s)) - Sq((z - 3 * s) / (15 * s)), 0.3); // orbits
        m -= 0.15 * Soft(1 - Sq(ax / (18 * s)) - Sq((z - 38 * s) / (10 * s)), 0.3); // frontal sinus
        m += 0.5 * (1 + 0.4 * teeth) * Inside(z, -98 * s, -75 * s, 3 * s) * Inside(ax, -1, 32 * s, 4 * s); // teeth
        m += (0.5 - 0.25 * Soft(row.Spine - 0.7, 0.3)) * Inside(z, -400, -58 * s, 6 * s) * Inside(ax, -1, 12 * s, 3 * s); // spine, discs
        m += Water * 2 * Math.Sqrt(Math.Max(0, Sq(60 * s) - x * x)) * Inside(z, -400, -45 * s, 15 * s); // neck and face
        return m;
    }

    static double LateralFeatures(double y, Row row, double teeth, double s)
    {
        double m = 0, z = row.Z;
        double baseLine = -25 * s - (60 * s - y) * 0.18;
        m += 0.55 * Inside(y, -70 * s, 60 * s, 6 * s) * Inside(z, baseLine - 5 * s, baseLine + 5 * s, 3 * s); // skull base
        m += 0.35 * Soft(1 - Sq((y - 8 * s) / (7 * s)) - Sq((z + 18 * s) / (5 * s)), 0.4); // sella
        m += 0.5 * (1 + 0.4 * teeth) * Inside(z, -98 * s, -75 * s, 3 * s) * Inside(y, 35 * s, 75 * s, 4 * s); // teeth
        m += (0.55 - 0.25 * Soft(row.Spine - 0.7, 0.3)) * Inside(z, -400, -55 * s, 6 * s) * Inside(y, -38 * s, -12 * s, 3 * s); // spine
        m += Water * 110 * s * Inside(z, -400, -45 * s, 15 * s) * Inside(y, -70 * s, 80 * s, 15 * s); // neck and face
        return m;
    }

    /// <summary>Soft indicator of lo &lt; v &lt; hi with edges <paramref name="edge"/> wide (real bone edges are not steps).</summary>
    static double Inside(double v, double lo, double hi, double edge) => Soft((v - lo) / edge, 1) * Soft((hi - v) / edge, 1);

    /// <summary>Smoothstep from 0 (v ≤ −w) to 1 (v ≥ w).</summary>
    static double Soft(double v, double w)
    {
        double t = Math.Clamp((v + w) / (2 * w), 0, 1);
        return t * t * (3 - 2 * t);
    }

    static double Sq(double v) => v * v;
}
