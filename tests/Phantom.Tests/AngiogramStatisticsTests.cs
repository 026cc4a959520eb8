using OccluNet.Live.Phantom.Report;

namespace OccluNet.Live.Phantom.Tests;

/// <summary>The realism statistics on images whose answers are known by construction.</summary>
public sealed class AngiogramStatisticsTests
{
    const int Side = 256, Background = 800;

    /// <summary>A noisy background with a vertical vessel of <paramref name="widthPx"/> and, if asked, a horizontal branch from its middle (a T: one junction).</summary>
    static ushort[] Image(int seed, int widthPx, bool branch, double noise = 4, bool blurNoise = false)
    {
        var random = new Random(seed);
        var values = new double[Side * Side];
        for (int i = 0; i < values.Length; i++) values[i] = noise * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        if (blurNoise)
        {
            var copy = (double[])values.Clone();
            for (int y = 0; y < Side; y++)
                for (int x = 1; x < Side - 1; x++) values[y * Side + x] = (copy[y * Side + x - 1] + 2 * copy[y * Side + x] + copy[y * Side + x + 1]) / 2;
        }
        var image = new ushort[Side * Side];
        for (int y = 0; y < Side; y++)
            for (int x = 0; x < Side; x++)
            {
                bool inVessel = Math.Abs(x - Side / 2) < widthPx / 2.0 || (branch && x > Side / 2 && Math.Abs(y - Side / 2) < widthPx / 2.0);
                image[y * Side + x] = (ushort)Math.Round(Background + values[y * Side + x] - (inVessel ? 200 : 0));
            }
        return image;
    }

    [Test]
    public void ATJunctionIsOneBranchPointAndCalibreFollowsTheWidth()
    {
        var straight = AngiogramStatistics.Measure([Image(1, 3, branch: false)], Side, Side, pixelMm: 0.5);
        var tee = AngiogramStatistics.Measure([Image(1, 3, branch: true)], Side, Side, pixelMm: 0.5);
        double cm2 = Math.Pow(Side * 0.7 * 0.5 / 10, 2); // central 70% square of a 128-mm field
        Assert.That(straight.BranchPointsPerCm2 * cm2, Is.LessThan(0.5), "a straight vessel has no junction");
        Assert.That(tee.BranchPointsPerCm2 * cm2, Is.InRange(0.5, 3.5), "a T has one (thinning may split it into a few neighbouring pixels)");
        // At 0.5 mm per pixel: 2 px = 1 mm, 5 px = 2.5 mm, 9 px = 4.5 mm wide.
        Assert.That(AngiogramStatistics.Measure([Image(1, 2, false)], Side, Side, 0.5).CalibreShares[0], Is.GreaterThan(0.8), "1 mm: the < 1.5 mm bin");
        Assert.That(AngiogramStatistics.Measure([Image(1, 5, false)], Side, Side, 0.5).CalibreShares[1], Is.GreaterThan(0.8), "2.5 mm: the 1.5-3 mm bin");
        Assert.That(AngiogramStatistics.Measure([Image(1, 9, false)], Side, Side, 0.5).CalibreShares[2], Is.GreaterThan(0.8), "4.5 mm: the >= 3 mm bin");
        Assert.That(straight.CalibreShares.Sum(), Is.EqualTo(1).Within(1e-9));
        // A 3-px column in the central 179-px square: 3/179 of its area.
        Assert.That(straight.VesselAreaFraction, Is.EqualTo(3.0 / 179).Within(0.004));
        Assert.That(straight.VesselContrastSigma, Is.GreaterThan(20), "200 levels deep at σ 4");
    }

    [Test]
    public void BlurredNoiseHasLessHighBandPowerThanWhiteNoise()
    {
        var white = AngiogramStatistics.Measure([Image(2, 3, false)], Side, Side, 0.5);
        var blurred = AngiogramStatistics.Measure([Image(2, 3, false, blurNoise: true)], Side, Side, 0.5);
        Assert.That(white.NoiseHighBandShare, Is.GreaterThan(0.45));
        Assert.That(blurred.NoiseHighBandShare, Is.LessThan(white.NoiseHighBandShare - 0.1));
    }
}
