namespace OccluNet.Live.Capture.Imaging;

/// <summary>Keeps bits HighBit-BitsStored+1 .. HighBit of each sample, shifted down (overlay bits above are dropped).</summary>
internal static class PixelMasking
{
    public static void KeepStoredBits(ushort[] samples, PixelDescription p)
    {
        var shift = p.HighBit + 1 - p.BitsStored;
        var mask = (ushort)((1 << p.BitsStored) - 1);
        if (shift == 0 && p.BitsStored == 16) return;
        for (var i = 0; i < samples.Length; i++) samples[i] = (ushort)((samples[i] >> shift) & mask);
    }
}
