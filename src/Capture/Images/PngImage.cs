using System.Buffers.Binary;
using System.IO.Compression;

namespace OccluNet.Live.Capture.Images;

/// <summary>
/// PNG image files, written here because SkiaSharp reduces 16-bit PNG to 8 bits: decode of 8- and 16-bit grey, grey +
/// alpha, RGB and RGBA, non-interlaced (colour reduced to luma with OpenCV's weights 0.299/0.587/0.114, alpha ignored);
/// encode of grey at the image's depth. Palette, sub-8-bit depths and Adam7 interlacing are refused by name.
/// </summary>
internal static class PngImage
{
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static ImageHeader ReadHeader(byte[] data, string path)
    {
        var header = Header(data, path);
        return new ImageHeader(header.Width, header.Height, header.BitDepth);
    }

    public static GrayImage Decode(byte[] data, string path)
    {
        var h = Header(data, path);
        int channels = h.ColorType switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => 0 };
        if (channels == 0) throw Bad(path, $"colour type {h.ColorType} (palette) is not supported; grey or RGB(A) only");
        if (h.BitDepth is not (8 or 16)) throw Bad(path, $"bit depth {h.BitDepth} is not supported; 8 or 16 only");
        if (h.Interlace != 0) throw Bad(path, "interlaced (Adam7) PNG is not supported");
        int bytesPerSample = h.BitDepth / 8, bytesPerPixel = channels * bytesPerSample;
        long stride = (long)h.Width * bytesPerPixel;
        var raw = Inflate(IdatOf(data, path), (stride + 1) * h.Height, path);
        var pixels = new ushort[h.Width * h.Height];
        var previous = new byte[stride];
        var line = new byte[stride];
        for (int y = 0; y < h.Height; y++)
        {
            long start = y * (stride + 1);
            raw.AsSpan((int)start + 1, (int)stride).CopyTo(line);
            Unfilter(raw[start], line, previous, bytesPerPixel, path, y);
            for (int x = 0; x < h.Width; x++) pixels[y * h.Width + x] = Luma(line.AsSpan(x * bytesPerPixel, bytesPerPixel), channels, bytesPerSample);
            (previous, line) = (line, previous);
        }
        return new GrayImage(h.Width, h.Height, h.BitDepth, pixels);
    }

    public static byte[] Encode(GrayImage image)
    {
        if (image.BitDepth is not (8 or 16)) throw new ArgumentException($"a PNG frame holds 8 or 16 bits, not {image.BitDepth}");
        int bytesPerSample = image.BitDepth / 8, stride = image.Width * bytesPerSample;
        var raw = new byte[(stride + 1) * image.Height]; // filter type 0 (none) on every row
        for (int y = 0; y < image.Height; y++)
        for (int x = 0; x < image.Width; x++)
        {
            int at = y * (stride + 1) + 1 + x * bytesPerSample;
            ushort v = image.Pixels[y * image.Width + x];
            if (bytesPerSample == 1) raw[at] = (byte)v;
            else BinaryPrimitives.WriteUInt16BigEndian(raw.AsSpan(at), v);
        }
        using var output = new MemoryStream();
        output.Write(Signature);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), image.Height);
        ihdr[8] = (byte)image.BitDepth; // colour type 0, compression 0, filter 0, interlace 0 follow as zeros
        Chunk(output, "IHDR", ihdr);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) z.Write(raw);
            Chunk(output, "IDAT", compressed.ToArray());
        }
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    readonly record struct PngHeader(int Width, int Height, int BitDepth, int ColorType, int Interlace);

    static PngHeader Header(byte[] data, string path)
    {
        if (data.Length < 33 || !data.AsSpan(0, 8).SequenceEqual(Signature) || !data.AsSpan(12, 4).SequenceEqual("IHDR"u8))
            throw Bad(path, "not a PNG file (no signature and IHDR)");
        int width = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(16)), height = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(20));
        if (width <= 0 || height <= 0 || (long)width * height > int.MaxValue / 8) throw Bad(path, $"image size {width} x {height} is not usable");
        return new PngHeader(width, height, data[24], data[25], data[28]);
    }

    static byte[] IdatOf(byte[] data, string path)
    {
        using var idat = new MemoryStream();
        int at = 8;
        while (at + 12 <= data.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(at));
            if (length < 0 || at + 12L + length > data.Length) throw Bad(path, $"chunk at byte {at} runs past the end of the file");
            var type = data.AsSpan(at + 4, 4);
            if (type.SequenceEqual("IDAT"u8)) idat.Write(data, at + 8, length);
            if (type.SequenceEqual("IEND"u8)) return idat.ToArray();
            at += 12 + length;
        }
        throw Bad(path, "truncated: no IEND chunk");
    }

    static byte[] Inflate(byte[] compressed, long expected, string path)
    {
        var raw = new byte[expected];
        try
        {
            using var z = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            int read = 0, n;
            while (read < raw.Length && (n = z.Read(raw, read, raw.Length - read)) > 0) read += n;
            if (read < raw.Length) throw Bad(path, $"pixel data holds {read} of {expected} bytes");
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw Bad(path, $"corrupt pixel data ({e.Message})");
        }
        return raw;
    }

    /// <summary>Undoes the PNG row filter in place (spec section 9).</summary>
    static void Unfilter(byte filter, Span<byte> line, ReadOnlySpan<byte> previous, int bpp, string path, int row)
    {
        switch (filter)
        {
            case 0: return;
            case 1: for (int i = bpp; i < line.Length; i++) line[i] += line[i - bpp]; return;
            case 2: for (int i = 0; i < line.Length; i++) line[i] += previous[i]; return;
            case 3:
                for (int i = 0; i < line.Length; i++) line[i] += (byte)(((i >= bpp ? line[i - bpp] : 0) + previous[i]) / 2);
                return;
            case 4:
                for (int i = 0; i < line.Length; i++)
                {
                    int a = i >= bpp ? line[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
                    int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    line[i] += (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                }
                return;
            default: throw Bad(path, $"row {row} has unknown filter type {filter}");
        }
    }

    static ushort Luma(ReadOnlySpan<byte> pixel, int channels, int bytesPerSample)
    {
        if (channels <= 2) return Sample(pixel, 0, bytesPerSample);
        return (ushort)Math.Round(0.299 * Sample(pixel, 0, bytesPerSample) + 0.587 * Sample(pixel, 1, bytesPerSample) + 0.114 * Sample(pixel, 2, bytesPerSample));
    }

    static ushort Sample(ReadOnlySpan<byte> pixel, int k, int bytesPerSample) =>
        bytesPerSample == 1 ? pixel[k] : BinaryPrimitives.ReadUInt16BigEndian(pixel[(2 * k)..]);

    static void Chunk(Stream output, string type, byte[] body)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, body.Length);
        output.Write(word);
        var typed = new byte[4 + body.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        body.CopyTo(typed, 4);
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32(typed));
        output.Write(word);
    }

    static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        uint c = (uint)n;
        for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>The chunk CRC of the PNG spec (CRC-32, ISO 3309).</summary>
    static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        uint c = 0xFFFFFFFFu;
        foreach (byte b in bytes) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }

    static InvalidDataException Bad(string path, string what) => new($"{path}: {what}");
}
