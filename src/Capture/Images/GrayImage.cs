namespace OccluNet.Live.Capture.Images;

/// <summary>
/// One grey image file's pixels as stored: row-major, 8 or 16 bits (<see cref="BitDepth"/>), 0 = black. A colour file
/// is reduced to its luma when read, as OpenCV's IMREAD_GRAYSCALE does (the authors' loader).
/// </summary>
public sealed record GrayImage(int Width, int Height, int BitDepth, ushort[] Pixels)
{
    public int MaxValue => (1 << BitDepth) - 1;
}

/// <summary>What an image file's header says, read without decoding its pixels.</summary>
public readonly record struct ImageHeader(int Width, int Height, int BitDepth);
