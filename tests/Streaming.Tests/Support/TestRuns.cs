using OccluNet.Live.Capture.Sources;

namespace OccluNet.Live.Streaming.Tests.Support;

/// <summary>Small synthetic runs: a bright blob drifting over smooth 12-bit background, non-square so the letterbox matters.</summary>
internal static class TestRuns
{
    public const int Width = 96;
    public const int Height = 80;

    public static SeriesInfo Series(string seriesUid = "1.2.3.4.1", string studyUid = "1.2.3.4") =>
        new(seriesUid, studyUid, "XA", Height, Width, 12, false, 0.3, null, 2048, 4096, "test-run");

    public static List<Frame> Run(int count, SeriesInfo? series = null, int seed = 5, int frameMs = 250)
    {
        series ??= Series();
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new Frame(series, i, TimeSpan.FromMilliseconds(i * frameMs), Pixels(random, i))).ToList();
    }

    static ushort[] Pixels(Random random, int index)
    {
        var pixels = new ushort[Width * Height];
        double cx = 20 + 3 * index, cy = 30 + 2 * index;
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                double background = 1500 + 600 * Math.Sin(0.11 * x + 0.07 * y + 0.3 * index);
                double blob = 1800 * Math.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 40.0);
                pixels[y * Width + x] = (ushort)Math.Clamp(background + blob + 80 * (random.NextDouble() - 0.5), 0, 4095);
            }
        return pixels;
    }
}
