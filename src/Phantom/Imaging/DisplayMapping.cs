using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Imaging;

/// <summary>
/// Subtracted DSA value d → stored value (spec 3.5): S = B − g·h(d), vessels dark on a light background; B and the
/// level of a saturated large artery (d = 0.8) are fractions of full scale drawn per run, h a mild per-run gamma.
/// A 4,096-entry table with linear interpolation keeps it one lookup per pixel.
/// </summary>
public sealed class DisplayMapping
{
    const double DMin = -1.0, DMax = 3.0, DRef = 0.8;
    readonly float[] table = new float[4097];
    readonly int fullScale;

    public DisplayMapping(ImageParameters image)
    {
        fullScale = (1 << image.BitsStored) - 1;
        double b = image.BackgroundLevel * fullScale, floor = image.VesselFloor * fullScale;
        double gain = (b - floor) / DRef;
        for (int i = 0; i < table.Length; i++)
        {
            double d = DMin + (DMax - DMin) * i / (table.Length - 1);
            double h = d >= 0 ? DRef * DetMath.Pow(d / DRef, image.DisplayGamma) : d;
            table[i] = (float)Math.Clamp(b - gain * h, 0, fullScale);
        }
        Background = (float)b;
    }

    public float Background { get; }
    public int FullScale => fullScale;

    public ushort Map(float d)
    {
        float pos = (float)((d - DMin) / (DMax - DMin) * (table.Length - 1));
        if (pos <= 0) return (ushort)Math.Round(table[0]);
        if (pos >= table.Length - 1) return (ushort)Math.Round(table[^1]);
        int i = (int)pos;
        float f = pos - i;
        return (ushort)Math.Round(table[i] + (table[i + 1] - table[i]) * f);
    }
}
