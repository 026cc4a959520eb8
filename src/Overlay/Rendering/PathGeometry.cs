using OccluNet.Live.Domain;

namespace OccluNet.Live.Overlay.Rendering;

internal static class PathGeometry
{
    /// <summary>Whether segment a-b touches <paramref name="box"/> (Liang-Barsky clipping: some part of it lies inside).</summary>
    public static bool SegmentMeetsBox((float X, float Y) a, (float X, float Y) b, Box box)
    {
        float dx = b.X - a.X, dy = b.Y - a.Y, enter = 0f, leave = 1f;
        foreach (var (p, q) in new[] { (-dx, a.X - box.X1), (dx, box.X2 - a.X), (-dy, a.Y - box.Y1), (dy, box.Y2 - a.Y) })
        {
            if (p == 0f)
            {
                if (q < 0f) return false;
                continue;
            }
            float t = q / p;
            if (p < 0f) enter = Math.Max(enter, t);
            else leave = Math.Min(leave, t);
            if (enter > leave) return false;
        }
        return true;
    }
}
