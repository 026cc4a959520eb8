using OccluNet.Live.Phantom.Anatomy;
using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Imaging;

/// <summary>
/// Parenchymal blush fields (spec 5.8): every arterial leaf splats its flow (r^k) onto a 64×64 grid, which a
/// Gaussian (σ ≈ 9 mm) spreads into a territory haze; normalised so the sum peaks at 1 and upsampled once to the image.
/// Two fields: the normally perfused tissue and the tissue behind the clot.
/// </summary>
internal static class BlushMaps
{
    const int Grid = 64;

    public static (float[] Normal, float[] Affected) Build(VesselTree tree, Projector proj, IReadOnlySet<int> affectedLeaves, double murrayK)
    {
        var normal = new double[Grid * Grid];
        var affected = new double[Grid * Grid];
        double cell = (double)proj.Width / Grid, cellY = (double)proj.Height / Grid;
        foreach (var e in tree.Edges)
        {
            if (!e.IsLeaf || e.Kind != VesselKind.Artery || e.Territory == Territory.Eca) continue;
            var (x, y) = proj.Project(e.P1);
            Splat(affectedLeaves.Contains(e.Id) ? affected : normal, x / cell - 0.5, y / cellY - 0.5, DetMath.Pow(e.R1, murrayK));
        }
        double sigmaCells = 9.0 / (proj.PixelMm * cell);
        Blur(normal, sigmaCells);
        Blur(affected, sigmaCells);
        double max = 1e-12;
        for (int i = 0; i < normal.Length; i++) max = Math.Max(max, normal[i] + affected[i]);
        return (Upsample(normal, 1 / max, proj), Upsample(affected, 1 / max, proj));
    }

    static void Splat(double[] g, double gx, double gy, double w)
    {
        int x0 = (int)Math.Floor(gx), y0 = (int)Math.Floor(gy);
        double fx = gx - x0, fy = gy - y0;
        Add(g, x0, y0, w * (1 - fx) * (1 - fy));
        Add(g, x0 + 1, y0, w * fx * (1 - fy));
        Add(g, x0, y0 + 1, w * (1 - fx) * fy);
        Add(g, x0 + 1, y0 + 1, w * fx * fy);
    }

    static void Add(double[] g, int x, int y, double w)
    {
        if (x >= 0 && y >= 0 && x < Grid && y < Grid) g[y * Grid + x] += w;
    }

    static void Blur(double[] g, double sigma)
    {
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var k = new double[2 * radius + 1];
        for (int i = -radius; i <= radius; i++) k[i + radius] = DetMath.Exp(-0.5 * i * i / (sigma * sigma));
        var tmp = new double[g.Length];
        for (int y = 0; y < Grid; y++)
            for (int x = 0; x < Grid; x++)
            {
                double s = 0;
                for (int i = -radius; i <= radius; i++) if (x + i >= 0 && x + i < Grid) s += k[i + radius] * g[y * Grid + x + i];
                tmp[y * Grid + x] = s;
            }
        for (int y = 0; y < Grid; y++)
            for (int x = 0; x < Grid; x++)
            {
                double s = 0;
                for (int i = -radius; i <= radius; i++) if (y + i >= 0 && y + i < Grid) s += k[i + radius] * tmp[(y + i) * Grid + x];
                g[y * Grid + x] = s;
            }
    }

    static float[] Upsample(double[] g, double scale, Projector proj)
    {
        var image = new float[proj.Width * proj.Height];
        double cx = (double)Grid / proj.Width, cy = (double)Grid / proj.Height;
        for (int y = 0; y < proj.Height; y++)
        {
            double gy = Math.Clamp((y + 0.5) * cy - 0.5, 0, Grid - 1.001);
            int y0 = (int)gy;
            double fy = gy - y0;
            for (int x = 0; x < proj.Width; x++)
            {
                double gx = Math.Clamp((x + 0.5) * cx - 0.5, 0, Grid - 1.001);
                int x0 = (int)gx;
                double fx = gx - x0;
                double v = (g[y0 * Grid + x0] * (1 - fx) + g[y0 * Grid + x0 + 1] * fx) * (1 - fy)
                         + (g[(y0 + 1) * Grid + x0] * (1 - fx) + g[(y0 + 1) * Grid + x0 + 1] * fx) * fy;
                image[y * proj.Width + x] = (float)(v * scale);
            }
        }
        return image;
    }
}
