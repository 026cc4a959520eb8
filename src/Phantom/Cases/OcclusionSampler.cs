using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Randomness;

namespace OccluNet.Live.Phantom.Cases;

/// <summary>
/// Draws the occlusion of a positive case (spec 2.5, 2.6, 5.2): finer location, clot face (cut-off 40, meniscus/claw 35,
/// tapered 20, tram-track 5), clot length, stump stagnation, collateral grade (0:10 1:20 2:30 3:25 4:15) and its
/// log-normal delay (median ~3 s for M1, shorter for M2), peak fraction and reach by grade.
/// </summary>
internal static class OcclusionSampler
{
    public static OcclusionPlan Sample(ulong seed, OcclusionClass cls, PhantomOptions options)
    {
        var rng = Xoshiro256.For(seed, PhantomStream.Occlusion);
        string sub = SubLocation(cls, ref rng, out double position);
        var face = options.Face ?? (ClotFace)rng.Pick(stackalloc double[] { 40, 25, 10, 20, 5 });
        int grade = options.CollateralGrade ?? rng.Pick(stackalloc double[] { 10, 20, 30, 25, 15 });
        double median = cls switch
        {
            OcclusionClass.M2 => 1.8,
            OcclusionClass.Unknown => 2.0,
            OcclusionClass.IntracranialIca => 3.5,
            OcclusionClass.ExtracranialIca => 4.0,
            _ => 3.0,
        } * grade switch { 4 => 0.6, 3 => 1.2, 1 => 1.3, _ => 1.0 };
        double delay = options.CollateralDelayS ?? Math.Clamp(rng.LogNormal(median, 2.5), 0.5, 10);
        double peak = grade switch
        {
            0 => 0,
            1 => rng.Uniform(0.1, 0.3),
            2 => rng.Uniform(0.2, 0.5),
            3 => rng.Uniform(0.4, 0.7),
            _ => rng.Uniform(0.6, 0.9),
        };
        double speed = grade switch { 3 => rng.Uniform(30, 60), 4 => rng.Uniform(60, 100), _ => rng.Uniform(30, 80) };
        double reach = grade switch { 1 => 12, 2 => 35, _ => 1e9 };
        double inlets = grade switch { 1 => 0.35, 2 => 0.65, _ => 1.0 };
        double length = cls is OcclusionClass.IntracranialIca or OcclusionClass.ExtracranialIca ? rng.Uniform(10, 20) : rng.Uniform(5, 14);
        return new OcclusionPlan(cls, sub, position, face, length,
            StumpStagnation: rng.Uniform(1.5, 4), StumpPeakFactor: rng.Uniform(0.7, 1.0),
            grade, delay, peak, speed, reach, inlets,
            Tandem: cls == OcclusionClass.ExtracranialIca && rng.Chance(0.2));
    }

    static string SubLocation(OcclusionClass cls, ref Xoshiro256 rng, out double position)
    {
        switch (cls)
        {
            case OcclusionClass.M1:
                position = rng.Uniform(0.1, 0.85);
                return position < 0.35 ? "M1-proximal" : position < 0.65 ? "M1-mid" : "M1-distal";
            case OcclusionClass.M2:
                position = rng.Uniform(0.1, 0.6);
                return rng.Chance(0.5) ? "M2-superior" : "M2-inferior";
            case OcclusionClass.IntracranialIca:
                position = rng.Uniform(0.2, 0.8);
                return rng.Pick(stackalloc double[] { 45, 35, 20 }) switch { 0 => "ICA-T", 1 => "ICA-L", _ => "ICA-cavernous" };
            case OcclusionClass.ExtracranialIca:
                position = rng.Uniform(0.05, 0.3);
                return position < 0.15 ? "ICA-bulb" : "ICA-cervical";
            default:
                position = rng.Uniform(0.1, 0.5);
                return rng.Chance(0.5) ? "A2" : "M3";
        }
    }
}
