using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Anatomy;
using OccluNet.Live.Phantom.Randomness;

namespace OccluNet.Live.Phantom.Cases;

/// <summary>Draws every parameter of a case from its seed (spec 5.1 step 1, ranges of 5.2), one stream per group.</summary>
internal static class CaseSampler
{
    public static PhantomCase Sample(ulong seed, PhantomOptions options)
    {
        options.Validate();
        var rng = Xoshiro256.For(seed, PhantomStream.CaseSampling);
        OcclusionClass? cls = options.Class ?? (options.Negative != null ? null : options.ClassMix.Draw(rng.NextDouble()));
        NegativeKind? negative = cls == null ? options.Negative ?? DrawNegative(ref rng) : null;
        var anatomy = SampleAnatomy(ref rng, negative);
        var plan = cls is { } c ? OcclusionSampler.Sample(seed, c, options) : null;
        var flow = SampleFlow(seed, negative, plan);
        var acquisition = AcquisitionSampler.Sample(seed, options, negative, flow);
        var image = SampleImage(seed, options, negative);
        var motion = SampleMotion(seed, options, negative, acquisition.FrameTimesS.Length);
        if (options.PhantomVersion == 1)
            return new PhantomCase(seed, PhantomCase.Version, anatomy, flow, plan, negative, acquisition, image, motion);
        var rng2 = Xoshiro256.For(seed, PhantomStream.Phantom2);
        var phantom2 = SamplePhantom2(ref rng2, seed, options, plan != null);
        image = image with { BitsStored = options.BitsStored ?? new[] { 8, 10, 12 }[rng2.Pick(stackalloc double[] { 20, 40, 40 })] };
        if (!options.NoMotion) motion = Misregistration(ref rng2, motion, acquisition.FrameTimesS.Length);
        return new PhantomCase(seed, PhantomCase.Version2, anatomy, flow, plan, negative, acquisition, image, motion, phantom2);
    }

    /// <summary>Phantom 2's own draws (its stream only, so the phantom-1 parameters of the seed stay the same).</summary>
    static Phantom2Parameters SamplePhantom2(ref Xoshiro256 rng, ulong seed, PhantomOptions options, bool occluded)
    {
        var d = Xoshiro256.For(seed, PhantomStream.Devices);
        bool all = options.Devices == true, none = options.Devices == false;
        bool micro = !none && (all || d.Chance(occluded ? 0.6 : 0.2));
        var devices = new DeviceParameters(
            GuideCatheter: !none && (all || d.Chance(0.85)),
            Microcatheter: micro,
            StentRetriever: micro && occluded && (all || d.Chance(0.4)),
            Coils: !none && (all || d.Chance(0.08)),
            Clip: !none && (all || d.Chance(0.05)),
            MarkerSpacingMm: d.Uniform(25, 35),
            WireExtensionMm: d.Uniform(10, 30),
            StentLengthMm: d.Uniform(20, 40));
        return new Phantom2Parameters(
            SideBranchChance: rng.Uniform(0.35, 0.45),
            BranchLengthScale: rng.Uniform(2.4, 3.0),
            Devices: devices,
            Native: options.Native ?? rng.Chance(0.25),
            ScatterFraction: rng.Uniform(0.1, 0.3),
            GlareSigmaMm: rng.Uniform(20, 40));
    }

    /// <summary>Phantom 2 misregistration: patients move more than phantom 1 assumed (a third of runs with a 0.3–1.5 mm step).</summary>
    static MotionParameters Misregistration(ref Xoshiro256 rng, MotionParameters m, int frames)
    {
        bool step = m.StepFrame < 0 && rng.Chance(0.3);
        return m with
        {
            DriftMm = Math.Max(m.DriftMm, rng.Uniform(0, 0.6)),
            StepFrame = step ? 1 + rng.NextInt(Math.Max(1, frames - 1)) : m.StepFrame,
            StepMm = step ? rng.Uniform(0.3, 1.5) : m.StepMm,
        };
    }

    static NegativeKind DrawNegative(ref Xoshiro256 rng) =>
        (NegativeKind)rng.Pick(stackalloc double[] { 40, 20, 12, 12, 8, 8 });

    static AnatomyParameters SampleAnatomy(ref Xoshiro256 rng, NegativeKind? negative)
    {
        int division = rng.Pick(stackalloc double[] { 80, 13, 7 });
        return new AnatomyParameters(
            HeadScale: Math.Clamp(rng.Gaussian(1, 0.04), 0.92, 1.08),
            DiameterScale: Math.Clamp(rng.Gaussian(1, 0.06), 0.85, 1.15),
            MurrayExponent: rng.Uniform(2.5, 3.0),
            M1LengthMm: division == 2 ? rng.Uniform(4, 7) : Math.Clamp(rng.Gaussian(16, 4), 8, 28),
            McaTrunks: division == 1 ? 3 : 2,
            EarlyBifurcation: division == 2,
            A1Hypoplasia: negative == NegativeKind.A1Hypoplasia || rng.Chance(0.03),
            FetalPcoa: rng.Chance(0.15),
            EarlyTemporalBranch: rng.Chance(0.5),
            Lenticulostriates: 6 + rng.NextInt(7),
            LeafRadiusMm: rng.Uniform(0.1, 0.13),
            ContralateralTransverseHypoplasia: rng.Chance(0.2),
            CorticalVeins: 8 + rng.NextInt(6));
    }

    static FlowParameters SampleFlow(ulong seed, NegativeKind? negative, OcclusionPlan? plan)
    {
        var rng = Xoshiro256.For(seed, PhantomStream.Flow);
        bool slow = negative == NegativeKind.SlowFlow;
        bool cca = plan?.Class == OcclusionClass.ExtracranialIca || rng.Chance(0.25);
        return new FlowParameters(
            CatheterInCca: cca,
            InjectionStartS: rng.Uniform(0.0, 2.0),
            InjectionRateMlPerS: Math.Clamp(rng.Gaussian(cca ? 7.2 : 5.8, 1.0), 4, 8),
            InjectionVolumeMl: Math.Clamp(rng.Gaussian(cca ? 9.9 : 7.9, 1.5), 5, 12),
            PlateauMgPerMl: rng.Uniform(150, 250),
            IcaAlpha: rng.Uniform(2, 4),
            VelocityScale: slow ? rng.Uniform(0.4, 0.6) : Math.Clamp(rng.Gaussian(1, 0.1), 0.75, 1.25),
            CapillaryDelayS: rng.Uniform(0.8, 1.3) + (slow ? rng.Uniform(1.0, 2.0) : 0),
            CapillaryAlpha: rng.Uniform(2, 3),
            CapillaryBetaS: rng.Uniform(0.8, 1.3),
            BlushPeakD: rng.Uniform(0.05, 0.12),
            VenousDelayS: rng.Uniform(3.0, 4.0) + (slow ? rng.Uniform(1.5, 3.0) : 0),
            VenousAlpha: rng.Uniform(2, 3),
            VenousBetaS: rng.Uniform(0.8, 1.2),
            VenousPeakFraction: rng.Uniform(0.25, 0.4));
    }

    static ImageParameters SampleImage(ulong seed, PhantomOptions options, NegativeKind? negative)
    {
        var rng = Xoshiro256.For(seed, PhantomStream.Display);
        double dose = negative == NegativeKind.LowDose ? rng.Uniform(0.2, 0.4) : rng.Uniform(0.8, 2.5);
        return new ImageParameters(
            IodineCm2PerMg: rng.Uniform(0.010, 0.014),
            DosePerFrameUGy: dose * options.DoseScale,
            QuantaPerMm2PerUGy: 3.0e4,
            Dqe: rng.Uniform(0.55, 0.7),
            MaskAveraging: 1 + rng.NextInt(4),
            PsfSigmaMm: rng.Uniform(0.15, 0.3),
            BitsStored: options.BitsStored ?? 10,
            BackgroundLevel: rng.Uniform(0.55, 0.8),
            VesselFloor: rng.Uniform(0.05, 0.25),
            DisplayGamma: rng.Uniform(0.6, 0.85));
    }

    static MotionParameters SampleMotion(ulong seed, PhantomOptions options, NegativeKind? negative, int frames)
    {
        if (options.NoMotion) return new MotionParameters(0, 0, 0, -1, 0, 0);
        var rng = Xoshiro256.For(seed, PhantomStream.Motion);
        bool heavy = negative == NegativeKind.HeavyMotion;
        bool step = heavy || rng.Chance(0.08);
        return new MotionParameters(
            DriftMm: heavy ? rng.Uniform(0.5, 1.0) : rng.Uniform(0, 0.3),
            DriftAngleDeg: rng.Uniform(0, 360),
            JitterMm: heavy ? rng.Uniform(0.1, 0.2) : rng.Uniform(0, 0.02),
            StepFrame: step ? 1 + rng.NextInt(Math.Max(1, frames - 1)) : -1,
            StepMm: heavy ? rng.Uniform(2, 4) : rng.Uniform(1, 4),
            RotationDeg: heavy ? rng.Uniform(0.5, 1.5) : rng.Uniform(0, 0.3));
    }
}
