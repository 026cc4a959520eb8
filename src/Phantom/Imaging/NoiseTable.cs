using OccluNet.Live.Phantom.Geometry;
using OccluNet.Live.Phantom.Randomness;

namespace OccluNet.Live.Phantom.Imaging;

/// <summary>
/// Standard normal deviates for pixel noise: 65,536 equally spaced quantiles (inverse normal CDF, Acklam's rational
/// approximation) looked up by 16 random bits, four per xoshiro word. Much faster than Box–Muller per pixel, identical
/// on every machine; tails are cut at ±4.3σ, which a noise image never misses.
/// </summary>
public static class NoiseTable
{
    static readonly float[] Quantiles = Build();

    /// <summary>Fill <paramref name="target"/> with standard normal deviates from <paramref name="rng"/>.</summary>
    public static void Fill(Span<float> target, ref Xoshiro256 rng)
    {
        var q = Quantiles;
        int i = 0;
        for (; i + 4 <= target.Length; i += 4)
        {
            ulong bits = rng.NextUInt64();
            target[i] = q[(int)(bits & 0xFFFF)];
            target[i + 1] = q[(int)((bits >> 16) & 0xFFFF)];
            target[i + 2] = q[(int)((bits >> 32) & 0xFFFF)];
            target[i + 3] = q[(int)(bits >> 48)];
        }
        for (; i < target.Length; i++) target[i] = q[(int)(rng.NextUInt64() >> 48)];
    }

    static float[] Build()
    {
        var table = new float[65536];
        for (int i = 0; i < table.Length; i++) table[i] = (float)InverseNormal((i + 0.5) / table.Length);
        return table;
    }

    static double InverseNormal(double p)
    {
        double[] a = { -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00 };
        double[] b = { -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01 };
        double[] c = { -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00 };
        double[] d = { 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00 };
        if (p < 0.02425)
        {
            double q = DetMath.Sqrt(-2 * DetMath.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - 0.02425) return -InverseNormal(1 - p);
        double r = p - 0.5, s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
