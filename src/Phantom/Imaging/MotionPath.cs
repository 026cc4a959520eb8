using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Geometry;
using OccluNet.Live.Phantom.Randomness;

namespace OccluNet.Live.Phantom.Imaging;

/// <summary>Per-frame rigid displacement (pixels) and rotation (radians) of the live frame against the mask (spec 3.6).</summary>
internal readonly record struct FrameMotion(double Dx, double Dy, double Angle)
{
    public bool IsStill => Math.Abs(Dx) < 1e-3 && Math.Abs(Dy) < 1e-3 && Math.Abs(Angle) < 1e-6;

    public static FrameMotion For(MotionParameters m, ulong seed, int frame, int frames, double pixelMm)
    {
        double f = frames > 1 ? (double)frame / (frames - 1) : 0;
        double a = m.DriftAngleDeg * Math.PI / 180;
        double dx = m.DriftMm * f * DetMath.Cos(a), dy = m.DriftMm * f * DetMath.Sin(a);
        var rng = Xoshiro256.For(seed, PhantomStream.Motion, frame + 1);
        dx += rng.Gaussian() * m.JitterMm;
        dy += rng.Gaussian() * m.JitterMm;
        if (m.StepFrame >= 0 && frame >= m.StepFrame)
        {
            var step = Xoshiro256.For(seed, PhantomStream.Motion, -1);
            double sa = step.Uniform(0, 2 * Math.PI);
            dx += m.StepMm * DetMath.Cos(sa);
            dy += m.StepMm * DetMath.Sin(sa);
        }
        return new FrameMotion(dx / pixelMm, dy / pixelMm, m.RotationDeg * f * Math.PI / 180);
    }
}
