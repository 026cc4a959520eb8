using System.Buffers.Binary;

namespace OccluNet.Live.Capture.Imaging;

/// <summary>Reads uncompressed samples (8 or 16 bits, either byte order, either planar configuration) into interleaved order.</summary>
internal static class NativeSamples
{
    public static ushort[] Read(ReadOnlySpan<byte> bytes, PixelDescription p, bool bigEndian, bool swapBytePairs)
    {
        var count = (int)p.SamplesPerFrame;
        var samples = new ushort[count];
        if (p.BitsAllocated == 8)
            for (var i = 0; i < count; i++) samples[i] = bytes[swapBytePairs ? i ^ 1 : i];
        else if (bigEndian)
            for (var i = 0; i < count; i++) samples[i] = BinaryPrimitives.ReadUInt16BigEndian(bytes[(2 * i)..]);
        else
            for (var i = 0; i < count; i++) samples[i] = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]);
        return p.IsPlanar ? ToInterleaved(samples, p.SamplesPerPixel) : samples;
    }

    static ushort[] ToInterleaved(ushort[] planar, int components)
    {
        var perPlane = planar.Length / components;
        var interleaved = new ushort[planar.Length];
        for (var c = 0; c < components; c++)
        for (var i = 0; i < perPlane; i++)
            interleaved[i * components + c] = planar[c * perPlane + i];
        return interleaved;
    }
}
