using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Anatomy;

/// <summary>
/// Where a territory's branches may run: a band under the brain's ellipsoidal surface, optionally limited in x
/// (lateral convexity for the MCA, medial strip for the ACA) and in y/z (occipital lobe for the PCA).
/// </summary>
internal sealed record Shell(
    Vec3 Center,
    Vec3 SemiAxes,
    double RhoMin,
    double RhoMax,
    double XMin = double.NegativeInfinity,
    double XMax = double.PositiveInfinity,
    double YMax = double.PositiveInfinity,
    double ZMin = double.NegativeInfinity)
{
    /// <summary>Normalised ellipsoid radius: 1 on the surface.</summary>
    public double Rho(Vec3 p)
    {
        var q = p - Center;
        double x = q.X / SemiAxes.X, y = q.Y / SemiAxes.Y, z = q.Z / SemiAxes.Z;
        return DetMath.Sqrt(x * x + y * y + z * z);
    }

    public Vec3 Normal(Vec3 p)
    {
        var q = p - Center;
        return new Vec3(q.X / (SemiAxes.X * SemiAxes.X), q.Y / (SemiAxes.Y * SemiAxes.Y), q.Z / (SemiAxes.Z * SemiAxes.Z)).Normalized();
    }

    /// <summary>A steering term that pulls a growing tip back into the band and inside the limits.</summary>
    public Vec3 Steer(Vec3 p, Vec3 dir)
    {
        var n = Normal(p);
        double rho = Rho(p);
        var steer = new Vec3(0, 0, 0);
        if (rho > RhoMax) steer -= n * (Math.Max(0, dir.Dot(n)) + 0.35);
        else if (rho < RhoMin) steer += n * 0.3;
        else steer -= n * (dir.Dot(n) * 0.5); // run along the surface
        if (p.X < XMin) steer += new Vec3(0.5, 0, 0);
        if (p.X > XMax) steer -= new Vec3(0.5, 0, 0);
        if (p.Y > YMax) steer -= new Vec3(0, 0.5, 0);
        if (p.Z < ZMin) steer += new Vec3(0, 0, 0.5);
        return steer;
    }
}
