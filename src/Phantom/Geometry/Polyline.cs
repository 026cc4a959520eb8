namespace OccluNet.Live.Phantom.Geometry;

/// <summary>Arc length along a 3D polyline: total length and the point and unit direction at a distance from its start.</summary>
public static class Polyline
{
    public static double Length(IReadOnlyList<Vec3> points)
    {
        double total = 0;
        for (int i = 1; i < points.Count; i++) total += points[i].DistanceTo(points[i - 1]);
        return total;
    }

    /// <summary>Point and direction at arc length <paramref name="s"/> (clamped to the polyline).</summary>
    public static (Vec3 Point, Vec3 Direction) At(IReadOnlyList<Vec3> points, double s)
    {
        double walked = 0;
        for (int i = 1; i < points.Count; i++)
        {
            double step = points[i].DistanceTo(points[i - 1]);
            if (walked + step >= s || i == points.Count - 1)
            {
                double t = step > 0 ? Math.Clamp((s - walked) / step, 0, 1) : 0;
                return (Vec3.Lerp(points[i - 1], points[i], t), (points[i] - points[i - 1]).Normalized());
            }
            walked += step;
        }
        return (points[0], new Vec3(0, 0, 1));
    }
}
