namespace OccluNet.Live.Overlay.Snapshots;

/// <summary>A read-back view: RGBA bytes, top row first.</summary>
public sealed record RgbaImage(int Width, int Height, byte[] Pixels)
{
    public (byte R, byte G, byte B, byte A) At(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height) throw new ArgumentOutOfRangeException(nameof(x), $"({x},{y}) outside {Width}x{Height}");
        int o = (y * Width + x) * 4;
        return (Pixels[o], Pixels[o + 1], Pixels[o + 2], Pixels[o + 3]);
    }
}
