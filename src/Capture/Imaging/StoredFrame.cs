namespace OccluNet.Live.Capture.Imaging;

/// <summary>
/// One decoded frame as stored values: <see cref="Samples"/> holds each sample's BitsStored bits (masked, not sign
/// extended), colour samples interleaved R,G,B. <see cref="ValueAt"/> gives the stored value, signed where the data is.
/// </summary>
public sealed class StoredFrame
{
    public PixelDescription Pixels { get; }
    public int Index { get; }
    public ushort[] Samples { get; }

    public StoredFrame(PixelDescription pixels, int index, ushort[] samples)
    {
        Pixels = pixels;
        Index = index;
        Samples = samples;
    }

    public int ValueAt(int sample)
    {
        var raw = Samples[sample];
        if (!Pixels.IsSigned) return raw;
        var shift = 32 - Pixels.BitsStored;
        return (raw << shift) >> shift;
    }

    /// <summary>
    /// Grayscale values as <see cref="Sources.Frame"/> holds them: unsigned as stored; signed shifted by
    /// 2^(BitsStored-1) so the order of values is kept.
    /// </summary>
    public ushort[] ToUnsignedOffset()
    {
        if (!Pixels.IsSigned) return Samples;
        var flip = (ushort)(1 << (Pixels.BitsStored - 1));
        var result = new ushort[Samples.Length];
        for (var i = 0; i < result.Length; i++) result[i] = (ushort)(Samples[i] ^ flip);
        return result;
    }
}
