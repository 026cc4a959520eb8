using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Imaging;

/// <summary>
/// Scatter and veiling glare (phantom 2): a fraction of the detected intensity is spread over tens of millimetres,
/// I' = (1 − s)·I + s·G_σ(I), which lifts dark regions and lowers vessel contrast behind thick bone. The wide Gaussian
/// runs on a grid coarsened to a quarter of σ (block means, bilinear back), so it costs a few per cent of a frame.
/// Works in the log domain of the renderer: takes and returns line integrals L = −ln I.
/// </summary>
internal sealed class VeilingGlare
{
    readonly int width, height, factor, cw, ch;
    readonly double fraction;
    readonly GaussianBlur blur;

    public VeilingGlare(int width, int height, double sigmaPx, double fraction)
    {
        this.width = width;
        this.height = height;
        this.fraction = fraction;
        factor = Math.Max(1, (int)(sigmaPx / 4));
        cw = (width + factor - 1) / factor;
        ch = (height + factor - 1) / factor;
        blur = new GaussianBlur(sigmaPx / factor);
    }

    /// <summary>Replaces the line integrals in <paramref name="l"/> by those of the glared intensity.</summary>
    public void Apply(float[] l)
    {
        var coarse = new float[cw * ch];
        var counts = new int[cw * ch];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int c = y / factor * cw + x / factor;
                coarse[c] += (float)DetMath.Exp(-l[y * width + x]);
                counts[c]++;
            }
        for (int i = 0; i < coarse.Length; i++) coarse[i] /= counts[i];
        blur.Apply(coarse, new float[coarse.Length], cw, ch);
        for (int y = 0; y < height; y++)
        {
            double gy = Math.Clamp((y + 0.5) / factor - 0.5, 0, ch - 1);
            int y0 = (int)gy, y1 = Math.Min(ch - 1, y0 + 1);
            double fy = gy - y0;
            for (int x = 0; x < width; x++)
            {
                double gx = Math.Clamp((x + 0.5) / factor - 0.5, 0, cw - 1);
                int x0 = (int)gx, x1 = Math.Min(cw - 1, x0 + 1);
                double fx = gx - x0;
                double g = (coarse[y0 * cw + x0] * (1 - fx) + coarse[y0 * cw + x1] * fx) * (1 - fy)
                         + (coarse[y1 * cw + x0] * (1 - fx) + coarse[y1 * cw + x1] * fx) * fy;
                int i = y * width + x;
                l[i] = (float)-DetMath.Log((1 - fraction) * DetMath.Exp(-l[i]) + fraction * g);
            }
        }
    }
}
