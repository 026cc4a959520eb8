namespace OccluNet.Live.Phantom.Imaging;

/// <summary>
/// Native (unsubtracted) storage, phantom 2: stored value linear in log intensity, S = full · (L_max − L) / L_max,
/// so air is white and bone, iodine and devices dark (MONOCHROME2, as log-converted detector output is stored).
/// L_max is the run's thickest background (99.5th percentile) plus room for a large artery; anything darker clips at 0.
/// </summary>
internal sealed class NativeMapping
{
    readonly double lMax;
    readonly int fullScale;

    public NativeMapping(float[] mu, int bitsStored)
    {
        fullScale = (1 << bitsStored) - 1;
        var sorted = (float[])mu.Clone();
        Array.Sort(sorted);
        lMax = sorted[(int)(0.995 * (sorted.Length - 1))] + 1.5; // a quantile, so a coil mass does not set the range

    }

    public ushort Map(float l) => (ushort)Math.Round(Math.Clamp((lMax - l) / lMax, 0, 1) * fullScale);
}
