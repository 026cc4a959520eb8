using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna 2018), the phantom's only source of randomness (System.Random's algorithm is not a
/// stable contract across .NET versions). A mutable struct: pass by ref.
/// </summary>
public struct Xoshiro256
{
    ulong s0, s1, s2, s3;

    public Xoshiro256(ulong seed)
    {
        ulong sm = seed;
        s0 = SplitMix64.Next(ref sm);
        s1 = SplitMix64.Next(ref sm);
        s2 = SplitMix64.Next(ref sm);
        s3 = SplitMix64.Next(ref sm);
    }

    public static Xoshiro256 For(ulong caseSeed, PhantomStream stream, long a = 0, long b = 0) =>
        new(SplitMix64.Derive(caseSeed, stream, a, b));

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double lo, double hi) => lo + (hi - lo) * NextDouble();

    public int NextInt(int exclusiveMax) => (int)((NextUInt64() >> 33) % (ulong)exclusiveMax);

    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Standard normal by Box–Muller with the phantom's own log/sin/cos (bit-identical on every machine).</summary>
    public double Gaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return DetMath.Sqrt(-2.0 * DetMath.Log(u1)) * DetMath.Cos(2.0 * Math.PI * u2);
    }

    public double Gaussian(double mean, double sd) => mean + sd * Gaussian();

    /// <summary>Log-normal with the given median and the 5–95% spread factor (95th percentile / median).</summary>
    public double LogNormal(double median, double spread95) =>
        median * DetMath.Exp(Gaussian() * DetMath.Log(spread95) / 1.6448536269514722);

    /// <summary>An index drawn with the given (not necessarily normalised) weights.</summary>
    public int Pick(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (double w in weights) total += w;
        double u = NextDouble() * total;
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0) return i;
        }
        return weights.Length - 1;
    }

    /// <summary>A random unit vector.</summary>
    public Vec3 UnitVector() => new Vec3(Gaussian(), Gaussian(), Gaussian()).Normalized();

    static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
