namespace OccluNet.Live.Phantom.Geometry;

/// <summary>
/// A point or direction in head coordinates, millimetres: x to the patient's left-right with +x the injected side
/// (lateral), y anterior, z superior. The ICA terminus of the template sits near the origin.
/// </summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public static Vec3 operator *(Vec3 a, double s) => new(a.X * s, a.Y * s, a.Z * s);
    public static Vec3 operator *(double s, Vec3 a) => new(a.X * s, a.Y * s, a.Z * s);
    public static Vec3 operator -(Vec3 a) => new(-a.X, -a.Y, -a.Z);

    public double Dot(Vec3 b) => X * b.X + Y * b.Y + Z * b.Z;
    public Vec3 Cross(Vec3 b) => new(Y * b.Z - Z * b.Y, Z * b.X - X * b.Z, X * b.Y - Y * b.X);
    public double Length => DetMath.Sqrt(Dot(this));
    public double DistanceTo(Vec3 b) => (this - b).Length;

    public Vec3 Normalized()
    {
        double len = Length;
        return len > 1e-12 ? this * (1.0 / len) : new Vec3(0, 0, 1);
    }

    /// <summary>Rotate about a unit <paramref name="axis"/> by an angle given as its cosine and sine (Rodrigues).</summary>
    public Vec3 Rotate(Vec3 axis, double cos, double sin) =>
        this * cos + axis.Cross(this) * sin + axis * (axis.Dot(this) * (1 - cos));

    public Vec3 Rotate(Vec3 axis, double angleRad) => Rotate(axis, DetMath.Cos(angleRad), DetMath.Sin(angleRad));

    /// <summary>Any unit vector perpendicular to this one.</summary>
    public Vec3 AnyPerpendicular()
    {
        var helper = Math.Abs(X) < 0.9 ? new Vec3(1, 0, 0) : new Vec3(0, 1, 0);
        return Cross(helper).Normalized();
    }

    public static Vec3 Lerp(Vec3 a, Vec3 b, double t) => a + (b - a) * t;
}
