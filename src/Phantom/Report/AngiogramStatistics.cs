namespace OccluNet.Live.Phantom.Report;

/// <summary>What <see cref="AngiogramStatistics"/> measures on one run or real file (every number from the same code).</summary>
/// <param name="VesselAreaFraction">Share of the central 70% square that is vessel (&gt; 3 noise σ below a 3-px background).</param>
/// <param name="BranchPointsPerCm2">Junctions of the vessel mask's skeleton per cm² of the central square.</param>
/// <param name="CalibreShares">Share of skeleton length per calibre bin (twice the distance to the mask's edge): &lt; 1.5, 1.5-3, &gt;= 3 mm.
/// Finer bins would measure the working pixel (about 1 mm), not the vessels.</param>
/// <param name="VesselContrastSigma">Median depth of vessel pixels below the background, in noise σ (grey levels of vessels).</param>
/// <param name="BackgroundSpreadSigma">Interquartile range of the background pixels' residual, in noise σ (grey levels of the background).</param>
/// <param name="NoiseHighBandShare">Share of a single frame's high-pass residual power above half Nyquist along rows (noise power spectrum: white noise ~0.6, blurred noise lower).</param>
internal sealed record AngiogramMeasures(double VesselAreaFraction, double BranchPointsPerCm2, double[] CalibreShares,
    double VesselContrastSigma, double BackgroundSpreadSigma, double NoiseHighBandShare);

/// <summary>
/// Statistics of an angiogram computed the same way on phantom runs and real XA frames (issue 16's realism table).
/// The frames' per-pixel minimum (MinIP: vessels dark) is block-averaged to 256 px wide; its local background is a
/// Gaussian of σ = 3 px, and a pixel is vessel when it lies below that background by more than 3 noise σ (robust σ
/// from neighbour differences). Everything is measured inside the central 70% square, which lies inside the circular
/// collimator of an image-intensifier image. The skeleton is Zhang-Suen thinning of the vessel mask; a junction is a
/// skeleton pixel with three or more skeleton branches around it (crossing number). Calibre at a skeleton pixel is
/// 2 d − 1 pixels, d its chamfer distance to the background. The noise spectrum is taken on one frame, not the MinIP.
/// </summary>
internal static class AngiogramStatistics
{
    const int Working = 256;
    const double BackgroundSigmaPx = 3;
    static readonly double[] CalibreEdgesMm = [1.5, 3];

    /// <param name="pixelMm">Size of an image pixel in mm (the phantom's field of view / width; for a real file, from its header or an assumed field).</param>
    public static AngiogramMeasures Measure(IReadOnlyList<ushort[]> frames, int width, int height, double pixelMm)
    {
        if (frames.Count == 0) throw new ArgumentException("no frames to measure");
        var minIp = (ushort[])frames[0].Clone();
        foreach (var f in frames.Skip(1))
            for (int i = 0; i < minIp.Length; i++) minIp[i] = Math.Min(minIp[i], f[i]);
        var (image, w, h, factor) = BlockAverage(minIp, width, height);
        var (residual, sigma) = Residual(image, w, h);
        int x0 = w * 15 / 100, x1 = w - x0, y0 = h * 15 / 100, y1 = h - y0;
        var mask = new bool[w * h];
        var vessel = new List<double>();
        var background = new List<double>();
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
            {
                double r = residual[y * w + x] / sigma;
                if (mask[y * w + x] = r > 3) vessel.Add(r);
                else background.Add(r);
            }
        int area = (x1 - x0) * (y1 - y0);
        double workingMm = pixelMm * factor;
        var skeleton = Thin(mask, w, h);
        var distance = Chamfer(mask, w, h);
        int junctions = 0, length = 0;
        var bins = new double[CalibreEdgesMm.Length + 1];
        for (int y = 1; y < h - 1; y++)
            for (int x = 1; x < w - 1; x++)
            {
                if (!skeleton[y * w + x]) continue;
                length++;
                if (Crossings(skeleton, w, x, y) >= 3) junctions++;
                double calibreMm = (2 * distance[y * w + x] - 1) * workingMm;
                bins[CalibreEdgesMm.Count(e => calibreMm >= e)]++;
            }
        double cm2 = area * workingMm * workingMm / 100;
        var middle = BlockAverage(frames[frames.Count / 2], width, height).Image;
        return new AngiogramMeasures(vessel.Count / (double)area, junctions / cm2,
            bins.Select(b => length == 0 ? 0 : b / length).ToArray(), Quantile(vessel, 0.5), Quantile(background, 0.75) - Quantile(background, 0.25),
            HighBandShare(middle, mask, w, h));
    }

    static (float[] Image, int W, int H, int Factor) BlockAverage(ushort[] pixels, int width, int height)
    {
        int factor = Math.Max(1, width / Working), w = width / factor, h = height / factor;
        var image = new float[w * h];
        for (int y = 0; y < h * factor; y++)
            for (int x = 0; x < w * factor; x++) image[y / factor * w + x / factor] += pixels[y * width + x];
        for (int i = 0; i < image.Length; i++) image[i] /= factor * factor;
        return (image, w, h, factor);
    }

    /// <summary>Background minus image (vessels positive) and the noise σ from neighbour differences (robust: vessels are a minority of pairs).</summary>
    static (float[] Residual, double Sigma) Residual(float[] image, int w, int h)
    {
        var background = (float[])image.Clone();
        new Imaging.GaussianBlur(BackgroundSigmaPx).Apply(background, new float[image.Length], w, h);
        var residual = new float[image.Length];
        var steps = new List<double>();
        for (int i = 0; i < image.Length; i++) residual[i] = background[i] - image[i];
        for (int y = h * 15 / 100; y < h - h * 15 / 100; y++)
            for (int x = w * 15 / 100; x < w - w * 15 / 100; x++) steps.Add(Math.Abs(image[y * w + x + 1] - image[y * w + x]));
        return (residual, Math.Max(1e-3, 1.4826 * Quantile(steps, 0.5) / Math.Sqrt(2)));
    }

    /// <summary>Zhang-Suen thinning to a one-pixel skeleton.</summary>
    static bool[] Thin(bool[] mask, int w, int h)
    {
        var s = (bool[])mask.Clone();
        var remove = new List<int>();
        for (bool changed = true; changed;)
        {
            changed = false;
            for (int pass = 0; pass < 2; pass++)
            {
                remove.Clear();
                for (int y = 1; y < h - 1; y++)
                    for (int x = 1; x < w - 1; x++)
                    {
                        if (!s[y * w + x]) continue;
                        var n = Neighbours(s, w, x, y);
                        int count = n.Count(v => v);
                        if (count is < 2 or > 6 || Transitions(n) != 1) continue;
                        // n: P2 (north), P3, P4 (east), P5, P6 (south), P7, P8 (west), P9.
                        bool a = pass == 0 ? !(n[0] && n[2] && n[4]) : !(n[0] && n[2] && n[6]);
                        bool b = pass == 0 ? !(n[2] && n[4] && n[6]) : !(n[0] && n[4] && n[6]);
                        if (a && b) remove.Add(y * w + x);
                    }
                foreach (int i in remove) s[i] = false;
                changed |= remove.Count > 0;
            }
        }
        return s;
    }

    static bool[] Neighbours(bool[] s, int w, int x, int y) =>
    [
        s[(y - 1) * w + x], s[(y - 1) * w + x + 1], s[y * w + x + 1], s[(y + 1) * w + x + 1],
        s[(y + 1) * w + x], s[(y + 1) * w + x - 1], s[y * w + x - 1], s[(y - 1) * w + x - 1],
    ];

    static int Transitions(bool[] n)
    {
        int t = 0;
        for (int i = 0; i < 8; i++) if (!n[i] && n[(i + 1) % 8]) t++;
        return t;
    }

    static int Crossings(bool[] skeleton, int w, int x, int y) => Transitions(Neighbours(skeleton, w, x, y));

    /// <summary>Chamfer (3-4) distance to the nearest background pixel, in pixels; 0 on the background.</summary>
    static double[] Chamfer(bool[] mask, int w, int h)
    {
        const int Big = 1 << 20;
        var d = new int[w * h];
        for (int i = 0; i < d.Length; i++) d[i] = mask[i] ? Big : 0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = y * w + x;
                if (d[i] == 0) continue;
                if (x > 0) d[i] = Math.Min(d[i], d[i - 1] + 3);
                if (y > 0) d[i] = Math.Min(d[i], d[i - w] + 3);
                if (x > 0 && y > 0) d[i] = Math.Min(d[i], d[i - w - 1] + 4);
                if (x < w - 1 && y > 0) d[i] = Math.Min(d[i], d[i - w + 1] + 4);
            }
        for (int y = h - 1; y >= 0; y--)
            for (int x = w - 1; x >= 0; x--)
            {
                int i = y * w + x;
                if (d[i] == 0) continue;
                if (x < w - 1) d[i] = Math.Min(d[i], d[i + 1] + 3);
                if (y < h - 1) d[i] = Math.Min(d[i], d[i + w] + 3);
                if (x < w - 1 && y < h - 1) d[i] = Math.Min(d[i], d[i + w + 1] + 4);
                if (x > 0 && y < h - 1) d[i] = Math.Min(d[i], d[i + w - 1] + 4);
            }
        return d.Select(v => v >= Big ? 0 : v / 3.0).ToArray();
    }

    /// <summary>
    /// One frame's residual (frame minus its 3-px Gaussian) along rows of the central square, in 32-px Hann-windowed
    /// segments that hold no vessel pixel within 4 px (vessels would dominate the low band): the share of power at
    /// frequencies above a quarter cycle per pixel (half Nyquist). NaN when no segment is free of vessels.
    /// </summary>
    static double HighBandShare(float[] frame, bool[] vessel, int w, int h)
    {
        var (residual, _) = Residual(frame, w, h);
        const int N = 32;
        double high = 0, all = 0;
        var segment = new double[N];
        for (int y = h * 15 / 100; y < h - h * 15 / 100; y++)
            for (int x0 = w * 15 / 100; x0 + N <= w - w * 15 / 100; x0 += N)
            {
                bool clear = true;
                for (int x = Math.Max(0, x0 - 4); x < Math.Min(w, x0 + N + 4) && clear; x++) clear = !vessel[y * w + x];
                if (!clear) continue;
                for (int k = 0; k < N; k++) segment[k] = residual[y * w + x0 + k] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * k / (N - 1)));
                for (int f = 1; f <= N / 2; f++)
                {
                    double re = 0, im = 0;
                    for (int k = 0; k < N; k++)
                    {
                        re += segment[k] * Math.Cos(2 * Math.PI * f * k / N);
                        im -= segment[k] * Math.Sin(2 * Math.PI * f * k / N);
                    }
                    double power = re * re + im * im;
                    all += power;
                    if (f > N / 4) high += power;
                }
            }
        return all == 0 ? double.NaN : high / all;
    }

    static double Quantile(List<double> values, double q)
    {
        if (values.Count == 0) return 0;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];
    }
}
