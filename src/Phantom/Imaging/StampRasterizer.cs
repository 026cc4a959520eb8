using OccluNet.Live.Phantom.Anatomy;
using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Imaging;

/// <summary>
/// Rasterises tapered cylinders with sub-pixel anti-aliasing: the chord 2√(r² − d²) is evaluated with the radius
/// widened by the pixel's footprint (r_eff² = r² + 0.3 px²) and scaled by r²/r_eff², which keeps each vessel's iodine
/// mass exact while vessels thinner than a pixel stay continuous lines (spec 1.3, 5.8). Oblique pieces get the chord
/// divided by the cosine of their out-of-plane angle, capped at their 3D length (end-on vessels). Each piece carries
/// half-weight round caps at both ends, so consecutive pieces join without gaps or dark dots at bends (two half caps
/// make one), and a leaf ends in a soft half cap; the clot face has no cap (flat or meniscus end).
/// </summary>
internal static class StampRasterizer
{
    const double AntiAliasPx2 = 0.3;

    public static StampSet Build(VesselTree tree, Projector projector, double iodineCm2PerMg, IReadOnlyDictionary<int, EdgeShape> shapes)
    {
        var offsets = new int[tree.Edges.Count + 1];
        var pixels = new List<int>(tree.Edges.Count * 16);
        var weights = new List<float>(tree.Edges.Count * 16);
        var plain = new Dictionary<int, (int[], float[])>();
        foreach (var e in tree.Edges)
        {
            offsets[e.Id] = pixels.Count;
            var shape = shapes.TryGetValue(e.Id, out var s) ? s : new EdgeShape(e.R0, e.R1, 0);
            Rasterize(e, shape, projector, iodineCm2PerMg, pixels, weights);
            if (shapes.ContainsKey(e.Id))
            {
                var p = new List<int>();
                var w = new List<float>();
                Rasterize(e, new EdgeShape(e.R0, e.R1, 0, FlatEnd: false), projector, iodineCm2PerMg, p, w);
                plain[e.Id] = (p.ToArray(), w.ToArray());
            }
        }
        offsets[^1] = pixels.Count;
        return new StampSet { Offsets = offsets, Pixels = pixels.ToArray(), Weights = weights.ToArray(), Plain = plain };
    }

    /// <summary>
    /// Chord (pixels) through a disc of radius <paramref name="r"/> px at squared distance <paramref name="d2"/> px², with
    /// the radius widened by the pixel footprint and the chord scaled by r²/r_eff² (mass-conserving; 0 outside r_eff).
    /// Devices use it too.
    /// </summary>
    internal static double AntiAliasedChordPx(double r, double d2)
    {
        if (r <= 0) return 0;
        double reff2 = r * r + AntiAliasPx2;
        return d2 >= reff2 ? 0 : 2 * Math.Sqrt(reff2 - d2) * (r * r / reff2);
    }

    /// <summary>How far a disc of radius <paramref name="r"/> px reaches once widened by the pixel footprint.</summary>
    internal static double ReachPx(double r) => Math.Sqrt(r * r + AntiAliasPx2);

    static void Rasterize(VesselEdge e, EdgeShape shape, Projector proj, double k, List<int> pixels, List<float> weights)
    {
        // Perspective (phantom 2) magnifies radius and length by the edge's scale m while the path through it stays in mm:
        // image-space distances are divided by m before they become iodine path length. m = 1 exactly in phantom 1.
        double m = proj.ScaleAt(Vec3.Lerp(e.P0, e.P1, 0.5));
        double pxMm = proj.PixelMm / m;
        var (ax, ay) = proj.Project(e.P0);
        var (bx, by) = proj.Project(e.P1);
        double r0 = shape.R0 / pxMm, r1 = shape.R1 / pxMm;
        if (Math.Max(r0, r1) < 0.02) return;
        double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, lenPx = Math.Sqrt(len2);
        double length3D = e.Length;
        double cos = Math.Clamp(lenPx * pxMm / Math.Max(1e-6, length3D), 0.05, 1);
        double capPx = shape.CapDepthMm / pxMm;
        double rMax = Math.Sqrt(Math.Max(r0, r1) * Math.Max(r0, r1) + AntiAliasPx2);
        int x0 = Math.Max(0, (int)Math.Floor(Math.Min(ax, bx) - rMax - 1)), x1 = Math.Min(proj.Width - 1, (int)Math.Ceiling(Math.Max(ax, bx) + rMax + 1));
        int y0 = Math.Max(0, (int)Math.Floor(Math.Min(ay, by) - rMax - 1)), y1 = Math.Min(proj.Height - 1, (int)Math.Ceiling(Math.Max(ay, by) + rMax + 1));
        double toD = k * pxMm / 10.0; // chord in px → cm, times k (cm²/mg): d per mg/mL
        bool endOn = lenPx < 0.5;
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                double px = x + 0.5 - ax, py = y + 0.5 - ay;
                double t = endOn ? 0.5 : (px * dx + py * dy) / len2;
                double weight = 1;
                if (t < 0 || t > 1)
                {
                    if (t > 1 && shape.FlatEnd) continue;
                    weight = 0.5;
                    t = Math.Clamp(t, 0, 1);
                }
                double qx = px - t * dx, qy = py - t * dy, d2 = endOn ? px * px + py * py : qx * qx + qy * qy;
                double r = r0 + (r1 - r0) * t;
                double reff2 = r * r + AntiAliasPx2;
                if (d2 >= reff2) continue;
                if (capPx > 0 && r > 0 && weight == 1 && (1 - t) * lenPx < capPx * (1 - Math.Min(1, d2 / (r * r)))) continue;
                double chordPx = weight * AntiAliasedChordPx(r, d2) / cos;
                chordPx = Math.Min(chordPx, endOn ? length3D / pxMm : chordPx);
                pixels.Add(y * proj.Width + x);
                weights.Add((float)(chordPx * toD));
            }
    }
}
