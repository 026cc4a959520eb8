namespace OccluNet.Live.Phantom.Geometry;

/// <summary>Centripetal-free uniform Catmull–Rom through control points, resampled about every <c>stepMm</c>.</summary>
internal static class Spline
{
    public static List<Vec3> Sample(IReadOnlyList<Vec3> control, double stepMm)
    {
        var result = new List<Vec3> { control[0] };
        for (int i = 0; i + 1 < control.Count; i++)
        {
            var p0 = control[Math.Max(0, i - 1)];
            var p1 = control[i];
            var p2 = control[i + 1];
            var p3 = control[Math.Min(control.Count - 1, i + 2)];
            int n = Math.Max(1, (int)Math.Ceiling(p1.DistanceTo(p2) / stepMm));
            for (int s = 1; s <= n; s++)
            {
                double t = (double)s / n, t2 = t * t, t3 = t2 * t;
                result.Add(0.5 * ((2 * p1) + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2 + (3 * p1 - p0 - 3 * p2 + p3) * t3));
            }
        }
        return result;
    }
}
