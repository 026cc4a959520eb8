using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Flow;

/// <summary>
/// A gamma-variate time–density curve in peak-normalised form (spec 2.2):
/// C(t) = Peak · ((t − t0)/(αβ))^α · exp(α − (t − t0)/β) for t &gt; t0, else 0; time to peak t0 + αβ.
/// </summary>
internal readonly record struct GammaCurve(double T0, double Alpha, double Beta, double Peak)
{
    public static readonly GammaCurve None = new(0, 1, 1, 0);

    public double Ttp => T0 + Alpha * Beta;

    public double At(double t)
    {
        if (Peak <= 0 || t <= T0) return 0;
        double x = (t - T0) / (Alpha * Beta);
        return Peak * DetMath.Exp(Alpha * (DetMath.Log(x) + 1 - x));
    }

    /// <summary>First time on the rising side at which the curve reaches <paramref name="fraction"/> of its peak.</summary>
    public double RiseTime(double fraction)
    {
        double lo = T0, hi = Ttp;
        for (int i = 0; i < 50; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (At(mid) < fraction * Peak) lo = mid; else hi = mid;
        }
        return hi;
    }
}
