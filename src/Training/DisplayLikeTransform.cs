using OccluNet.Live.Capture.Sources.Video;

namespace OccluNet.Live.Training;

/// <summary>
/// Training augmentation that shows a window the way the video input sees a run (issues 16 and 17): the stored values
/// after a monitor's linear window (a random centre and width around the window's own range, some values clipped),
/// a display gamma, sometimes the softening of the grabber's scaler (a [1 2 1] blur) and the block offsets of H.264
/// (one offset per 8 x 8 block), quantised to 8 bits and mapped back as the video source maps a display value with
/// its default window (display v -> the middle of its step, <c>VideoGreyMapping.FullRange</c>). All frames of a window
/// get the same display, as a monitor shows a run; pixels outside the image (the letterbox pad) stay as they are.
/// Works on model inputs normalised to [0, <see cref="Scale"/>] (the training normalisation: full stored range to 0-255).
/// </summary>
internal sealed class DisplayLikeTransform(double probability, Random random)
{
    const float Scale = 255f;
    const int Block = 8;
    static readonly int MaxStored = (1 << VideoGreyMapping.FullRange.BitsStored) - 1;

    /// <summary>Display value -> stored value, as the video source maps a monitor it knows nothing of.</summary>
    static readonly ushort[] BackToStored = VideoGreyMapping.FullRange.ToStoredTable();

    /// <summary>Transforms a window of <paramref name="frames"/> inputs (each side x side) in place with the set probability; returns whether it did.</summary>
    /// <param name="width">Image width in model pixels (the letterbox content); <paramref name="height"/> likewise.</param>
    public bool Apply(Span<float> window, int frames, int side, int width, int height)
    {
        if (probability <= 0 || random.NextDouble() >= probability) return false;
        int plane = side * side;
        var (low, high) = Range(window, frames, side, width, height);
        double span = Math.Max(high - low, 1e-3);
        double windowLow = low - span * random.Uniform(-0.15, 0.3), windowHigh = high + span * random.Uniform(-0.15, 0.3);
        if (windowHigh - windowLow < 0.05) windowHigh = windowLow + 0.05;
        // The monitor's window in stored values of the video path's bit depth; the grey rule itself is VideoGreyMapping's.
        double storedLow = windowLow * MaxStored, storedWidth = (windowHigh - windowLow) * MaxStored;
        var monitor = new VideoGreyMapping(storedLow + storedWidth / 2, storedWidth);
        double gamma = Math.Exp(random.Uniform(Math.Log(0.75), Math.Log(1.33)));
        bool blur = random.NextDouble() < 0.3, blocks = random.NextDouble() < 0.3;
        int blocksPerRow = side / Block + 1;
        var offsets = blocks ? Enumerable.Range(0, blocksPerRow * blocksPerRow).Select(_ => random.Gaussian() * 1.5 * storedWidth / 256).ToArray() : null;
        var scratch = blur ? new float[plane] : null;
        for (int f = 0; f < frames; f++)
        {
            var frame = window.Slice(f * plane, plane);
            if (scratch is not null) BlurInPlace(frame, scratch, side, width, height);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    ref float value = ref frame[y * side + x];
                    double shown = Math.Clamp((value / Scale * MaxStored - storedLow) / storedWidth, 0, 1);
                    double stored = storedLow + storedWidth * Math.Pow(shown, gamma) + (offsets?[y / Block * blocksPerRow + x / Block] ?? 0);
                    value = BackToStored[monitor.Display(stored)] / (float)MaxStored * Scale;
                }
        }
        return true;
    }

    /// <summary>The 1st and 99th percentile of the window's image pixels, as fractions of full scale.</summary>
    static (double Low, double High) Range(ReadOnlySpan<float> window, int frames, int side, int width, int height)
    {
        var histogram = new int[256];
        int count = 0;
        for (int f = 0; f < frames; f++)
            for (int y = 0; y < height; y += 2)
                for (int x = 0; x < width; x += 2)
                {
                    histogram[Math.Clamp((int)window[f * side * side + y * side + x], 0, 255)]++;
                    count++;
                }
        return (Percentile(histogram, count, 0.01) / Scale, (Percentile(histogram, count, 0.99) + 1) / Scale);
    }

    static int Percentile(int[] histogram, int count, double fraction)
    {
        long target = (long)(fraction * count), seen = 0;
        for (int i = 0; i < histogram.Length; i++)
            if ((seen += histogram[i]) > target) return i;
        return histogram.Length - 1;
    }

    /// <summary>Separable [1 2 1] / 4 over the image part, edges clamped.</summary>
    static void BlurInPlace(Span<float> frame, float[] scratch, int side, int width, int height)
    {
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int row = y * side;
                scratch[row + x] = (frame[row + Math.Max(x - 1, 0)] + 2 * frame[row + x] + frame[row + Math.Min(x + 1, width - 1)]) / 4;
            }
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                frame[y * side + x] = (scratch[Math.Max(y - 1, 0) * side + x] + 2 * scratch[y * side + x] + scratch[Math.Min(y + 1, height - 1) * side + x]) / 4;
    }
}
