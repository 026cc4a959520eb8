namespace OccluNet.Live.Overlay.Contract;

/// <summary>A DICOM VOI LUT window (Window Center / Window Width, in stored values) for display.</summary>
public readonly record struct VoiWindow(double Center, double Width)
{
    /// <summary>The full range of an unsigned <paramref name="bitsStored"/>-bit image: every stored value kept apart.</summary>
    public static VoiWindow FullRange(int bitsStored)
    {
        double max = (1 << bitsStored) - 1;
        // DICOM's linear function maps [c - 0.5 - (w-1)/2, c - 0.5 + (w-1)/2] to [0, 1]; this window spans [0, max].
        return new VoiWindow(max / 2.0 + 0.5, max + 1.0);
    }

    /// <summary>
    /// The displayed intensity in [0, 1] of a stored value, by DICOM PS3.3 C.11.2.1.2.1 (linear VOI function).
    /// The shader does the same in float; this is the reference the tests compare against.
    /// </summary>
    public double Apply(double storedValue)
    {
        double w = Math.Max(Width, 1.0);
        double low = Center - 0.5 - (w - 1.0) / 2.0;
        double high = Center - 0.5 + (w - 1.0) / 2.0;
        if (storedValue <= low) return 0.0;
        if (storedValue > high) return 1.0;
        return w <= 1.0 ? 1.0 : (storedValue - (Center - 0.5)) / (w - 1.0) + 0.5;
    }
}
