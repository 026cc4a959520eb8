namespace OccluNet.Live.Training;

/// <summary>The draws the training augmentations make from their seeded <see cref="Random"/>.</summary>
internal static class RandomDraws
{
    public static double Uniform(this Random random, double a, double b) => a + (b - a) * random.NextDouble();

    /// <summary>A standard normal draw (Box-Muller, two uniform draws).</summary>
    public static double Gaussian(this Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
