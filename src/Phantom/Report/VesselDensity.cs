namespace OccluNet.Live.Phantom.Report;

/// <summary>
/// One vessel-density measure computed by the same code on phantom runs and real XA frames (the realism comparison of
/// phantom 1, phantom 2 and a real angiogram): the frames' per-pixel minimum (MinIP: vessels dark) is block-averaged
/// to 256 px wide, its local background is a Gaussian of σ = 3 px (about 3 mm at a 220–300 mm field, so large trunks
/// count only along their edges and fine branches count whole), and a pixel counts as vessel when it lies below that
/// background by more than 3 noise σ (robust, from neighbour differences). The
/// result is the vessel share of the central 70% square: inside the circular collimator of an image-intensifier
/// image (its corners lie at 0.495 of the width from the centre), so the collimator edge is not counted as vessel.
/// </summary>
internal static class VesselDensity
{
    const int Working = 256;
    const double BackgroundSigmaPx = 3;

    public static double AreaFraction(IReadOnlyList<ushort[]> frames, int width, int height)
    {
        if (frames.Count == 0) throw new ArgumentException("no frames to measure");
        var minIp = (ushort[])frames[0].Clone();
        foreach (var f in frames.Skip(1))
            for (int i = 0; i < minIp.Length; i++) minIp[i] = Math.Min(minIp[i], f[i]);
        int factor = Math.Max(1, width / Working), w = width / factor, h = height / factor;
        var image = new float[w * h];
        for (int y = 0; y < h * factor; y++)
            for (int x = 0; x < w * factor; x++) image[y / factor * w + x / factor] += minIp[y * width + x];
        for (int i = 0; i < image.Length; i++) image[i] /= factor * factor;
        var background = (float[])image.Clone();
        new Imaging.GaussianBlur(BackgroundSigmaPx).Apply(background, new float[image.Length], w, h);
        var residual = new List<float>();
        var steps = new List<float>();
        for (int y = h * 15 / 100; y < h - h * 15 / 100; y++)
            for (int x = w * 15 / 100; x < w - w * 15 / 100; x++)
            {
                residual.Add(background[y * w + x] - image[y * w + x]);
                steps.Add(Math.Abs(image[y * w + x + 1] - image[y * w + x]));
            }
        // Noise σ from neighbour differences (robust: vessels are a minority of pixel pairs), so dense vessels do not raise it.
        double sigma = Math.Max(1e-3, 1.4826 * Median(steps) / Math.Sqrt(2));
        return residual.Count(r => r > 3 * sigma) / (double)residual.Count;
    }

    static double Median(List<float> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }
}
