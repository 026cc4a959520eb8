using OccluNet.Live.Phantom.Randomness;

namespace OccluNet.Live.Phantom.Cases;

/// <summary>
/// Frame times and projection (spec 3.7): fps from {1:15%, 2:35%, 3:30%, 4:15%, 6:5%}, duration log-normal around
/// 10 s (6–20 s), 3–76 frames, 10% variable-rate runs (3–4 fps for 4–6 s, then 1–2 fps), 10% truncated runs (late
/// start after the arterial phase, or early stop). Fixed --frames/--fps turn variable rate and truncation off.
/// </summary>
internal static class AcquisitionSampler
{
    static readonly double[] FpsChoices = { 1, 2, 3, 4, 6 };

    public static AcquisitionParameters Sample(ulong seed, PhantomOptions options, NegativeKind? negative, FlowParameters flow)
    {
        var rng = Xoshiro256.For(seed, PhantomStream.Acquisition);
        var view = options.View ?? (rng.Chance(0.5) ? PhantomView.Ap : PhantomView.Lateral);
        double fps = options.Fps ?? FpsChoices[rng.Pick(stackalloc double[] { 15, 35, 30, 15, 5 })];
        double duration = Math.Clamp(rng.LogNormal(10, 1.6), 6, 20);
        bool fixedTiming = options.Frames != null || options.Fps != null;
        bool variable = !fixedTiming && rng.Chance(0.1);
        string truncation = "none";
        if (negative == NegativeKind.Truncated || (!fixedTiming && rng.Chance(0.1)))
            truncation = rng.Chance(0.5) ? "late-start" : "early-stop";
        if (truncation == "early-stop") duration = rng.Uniform(3, 5);
        double[] times = variable ? VariableTimes(ref rng, duration) : ConstantTimes(options.Frames, fps, duration);
        if (truncation == "late-start")
        {
            double skip = flow.InjectionStartS + rng.Uniform(2.5, 4);
            times = times.Select(t => t + skip).Where(t => t < duration + skip).ToArray();
        }
        bool small = options.FieldOfViewMm is < 200;
        double fov = options.FieldOfViewMm ?? rng.Uniform(240, 300);
        double ch = small ? (view == PhantomView.Ap ? 28 : 8) : (view == PhantomView.Ap ? 0 : -8) + rng.Gaussian(0, 6);
        double cv = small ? 4 : -8 + rng.Gaussian(0, 6);
        double sid = rng.Uniform(1000, 1200);
        return new AcquisitionParameters(view, fps, variable, truncation, times, fov, ch, cv,
            HeadYawDeg: Math.Clamp(rng.Gaussian(0, 4), -10, 10),
            HeadPitchDeg: Math.Clamp(rng.Gaussian(0, 4), -10, 10),
            HeadRollDeg: Math.Clamp(rng.Gaussian(0, 4), -10, 10),
            TiltDeg: view == PhantomView.Ap ? rng.Uniform(-5, 12) : 0,
            RightSide: rng.Chance(0.5),
            SourceImageDistanceMm: sid,
            SourceObjectDistanceMm: sid / rng.Uniform(1.2, 1.5));
    }

    static double[] ConstantTimes(int? frames, double fps, double duration)
    {
        int n = frames ?? Math.Clamp((int)Math.Round(duration * fps) + 1, 3, 76);
        var times = new double[n];
        for (int i = 0; i < n; i++) times[i] = i / fps;
        return times;
    }

    static double[] VariableTimes(ref Xoshiro256 rng, double duration)
    {
        double fast = rng.Chance(0.5) ? 3 : 4, slow = rng.Chance(0.5) ? 1 : 2, switchAt = rng.Uniform(4, 6);
        var times = new List<double>();
        for (double t = 0; t <= duration && times.Count < 76; t += t < switchAt ? 1 / fast : 1 / slow)
            times.Add(Math.Round(t * 1000) / 1000);
        return times.ToArray();
    }
}
