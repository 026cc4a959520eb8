using OccluNet.Live.Domain;

namespace OccluNet.Live.Training;

/// <summary>
/// Training augmentation for the round field of an image intensifier or a circular collimator, which the phantom never
/// draws and real runs often show (the public RF sample: black outside a circle that touches the image's sides). A
/// model that never saw that edge may take a stretch of it for a vessel cut-off. The circle's centre moves up to 8 % of
/// the image's shorter side, its radius is 0.85-1.15 of half that side (from a wide margin to corners only), widened
/// where needed so every box of the output frame stays whole inside; outside it the window is black, over a 0-4 px
/// penumbra. All frames of a window alike (the collimator does not move within a run); the letterbox pad stays as it is.
/// </summary>
internal sealed class CollimatorTransform(double probability, Random random)
{
    /// <summary>Masks a window of <paramref name="frames"/> inputs (each side x side) in place with the set probability; returns whether it did.</summary>
    /// <param name="width">Image width in model pixels (the letterbox content); <paramref name="height"/> likewise.</param>
    /// <param name="boxes">The output frame's boxes in model pixels: they stay inside the field.</param>
    public bool Apply(Span<float> window, int frames, int side, int width, int height, IReadOnlyList<Box> boxes)
    {
        if (probability <= 0 || random.NextDouble() >= probability) return false;
        double shorter = Math.Min(width, height);
        double cx = width / 2.0 + random.Uniform(-0.08, 0.08) * shorter, cy = height / 2.0 + random.Uniform(-0.08, 0.08) * shorter;
        double radius = random.Uniform(0.85, 1.15) * shorter / 2, penumbra = random.Uniform(0, 4);
        foreach (var b in boxes)
            foreach (var (x, y) in new[] { (b.X1, b.Y1), (b.X2, b.Y1), (b.X1, b.Y2), (b.X2, b.Y2) })
                radius = Math.Max(radius, Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) + penumbra + 1);
        int plane = side * side;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                double outside = Math.Sqrt((x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy)) - radius;
                if (outside <= -penumbra) continue;
                float kept = outside >= 0 ? 0f : (float)(-outside / penumbra);
                for (int f = 0; f < frames; f++) window[f * plane + y * side + x] *= kept;
            }
        return true;
    }
}
