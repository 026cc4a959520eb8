using OccluNet.Live.Phantom.Geometry;
using OccluNet.Live.Phantom.Imaging;
using OccluNet.Live.Phantom.Truth;

namespace OccluNet.Live.Phantom.Devices;

/// <summary>
/// Adds devices to the static attenuation map μ (they sit in mask and live frames alike) and projects their truth.
/// Tubes use the vessels' mass-conserving anti-aliasing (radius widened by the pixel footprint, chord scaled by
/// r²/r_eff²) for the outer and inner surface, so a 0.36-mm wire at 0.9 mm/px keeps its attenuation instead of
/// vanishing between pixel centres; half-weight caps at segment ends make joints seamless.
/// </summary>
internal static class DeviceRasterizer
{
    public static void AddTo(float[] mu, IReadOnlyList<DevicePart> parts, Projector proj)
    {
        foreach (var part in parts)
        {
            if (part.Path.Count == 1) Ball(mu, part, proj);
            else
                for (int i = 1; i < part.Path.Count; i++) Segment(mu, part, part.Path[i - 1], part.Path[i], proj);
        }
    }

    public static DeviceTruth Truth(IReadOnlyList<DevicePart> parts, Projector proj)
    {
        float[] Px(Vec3 p) { var (x, y) = proj.Project(p); return new[] { (float)Math.Round(x, 2), (float)Math.Round(y, 2) }; }
        var guide = parts.FirstOrDefault(p => p.Device == DevicePlacer.Guide);
        return new DeviceTruth(
            parts.Any(p => p.Device == DevicePlacer.Guide), parts.Any(p => p.Device == DevicePlacer.Micro), parts.Any(p => p.Device == DevicePlacer.Wire),
            parts.Any(p => p.Device == DevicePlacer.Stent), parts.Any(p => p.Device == DevicePlacer.Coils), parts.Any(p => p.Device == DevicePlacer.Clip),
            guide == null ? Array.Empty<float[]>() : guide.Path.Select(Px).ToArray(),
            parts.Where(p => p.IsMarker).Select(p => { var c = Px(Vec3.Lerp(p.Path[0], p.Path[^1], 0.5)); return new DeviceMarker(p.Device, c[0], c[1]); }).ToArray());
    }

    static void Segment(float[] mu, DevicePart part, Vec3 a3, Vec3 b3, Projector proj)
    {
        double pxMm = proj.PixelMm / proj.ScaleAt(Vec3.Lerp(a3, b3, 0.5));
        var (ax, ay) = proj.Project(a3);
        var (bx, by) = proj.Project(b3);
        double rOut = part.OuterRadiusMm / pxMm, rIn = part.InnerRadiusMm / pxMm;
        double dx = bx - ax, dy = by - ay, len2 = Math.Max(1e-9, dx * dx + dy * dy);
        double cos = Math.Clamp(Math.Sqrt(len2) * pxMm / Math.Max(1e-6, a3.DistanceTo(b3)), 0.05, 1);
        double reach = StampRasterizer.ReachPx(rOut) + 1;
        int x0 = Math.Max(0, (int)Math.Floor(Math.Min(ax, bx) - reach)), x1 = Math.Min(proj.Width - 1, (int)Math.Ceiling(Math.Max(ax, bx) + reach));
        int y0 = Math.Max(0, (int)Math.Floor(Math.Min(ay, by) - reach)), y1 = Math.Min(proj.Height - 1, (int)Math.Ceiling(Math.Max(ay, by) + reach));
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                double px = x + 0.5 - ax, py = y + 0.5 - ay;
                double t = (px * dx + py * dy) / len2, weight = 1;
                if (t < 0 || t > 1) { weight = 0.5; t = Math.Clamp(t, 0, 1); }
                double qx = px - t * dx, qy = py - t * dy, d2 = qx * qx + qy * qy;
                double chordPx = weight * (StampRasterizer.AntiAliasedChordPx(rOut, d2) - StampRasterizer.AntiAliasedChordPx(rIn, d2)) / cos;
                if (chordPx > 0) mu[y * proj.Width + x] += (float)(chordPx * pxMm * part.MuPerMm);
            }
    }

    static void Ball(float[] mu, DevicePart part, Projector proj)
    {
        var centre = part.Path[0];
        double pxMm = proj.PixelMm / proj.ScaleAt(centre);
        var (cx, cy) = proj.Project(centre);
        double r = part.OuterRadiusMm / pxMm;
        for (int y = Math.Max(0, (int)(cy - r - 2)); y <= Math.Min(proj.Height - 1, (int)(cy + r + 2)); y++)
            for (int x = Math.Max(0, (int)(cx - r - 2)); x <= Math.Min(proj.Width - 1, (int)(cx + r + 2)); x++)
            {
                double d2 = (x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy);
                double chordPx = StampRasterizer.AntiAliasedChordPx(r, d2);
                if (chordPx > 0) mu[y * proj.Width + x] += (float)(chordPx * pxMm * part.MuPerMm);
            }
    }
}
