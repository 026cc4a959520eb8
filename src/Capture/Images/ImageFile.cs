namespace OccluNet.Live.Capture.Images;

/// <summary>
/// Reads and writes the frame images of an image-per-frame data set (the OccluNet authors' layout): JPEG (baseline or
/// extended, grey or colour) and PNG (8 or 16 bit, grey or colour), told apart by their signature, not their name.
/// Every error is an <see cref="InvalidDataException"/> naming the file.
/// </summary>
public static class ImageFile
{
    public static GrayImage Read(string path) => Decode(ReadBytes(path), path);

    public static GrayImage Decode(byte[] data, string path) => KindOf(data, path) switch
    {
        Kind.Jpeg => JpegImage.Decode(data, path),
        _ => PngImage.Decode(data, path),
    };

    /// <summary>Size and bit depth from the header only (cheap enough to run over a whole data set).</summary>
    public static ImageHeader ReadHeader(string path)
    {
        var data = ReadBytes(path);
        return KindOf(data, path) == Kind.Jpeg ? JpegImage.ReadHeader(data, path) : PngImage.ReadHeader(data, path);
    }

    /// <summary>An 8-bit JPEG (the authors' frames); a 16-bit image is refused, scale it first.</summary>
    public static void WriteJpeg(string path, GrayImage image, int quality = 95) => File.WriteAllBytes(path, JpegImage.Encode(image, quality, path));

    /// <summary>A grey PNG of the image's bit depth (lossless).</summary>
    public static void WritePng(string path, GrayImage image) => File.WriteAllBytes(path, PngImage.Encode(image));

    enum Kind { Jpeg, Png }

    static Kind KindOf(ReadOnlySpan<byte> data, string path)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return Kind.Jpeg;
        if (data.Length >= 8 && data[..8].SequenceEqual(PngImage.Signature)) return Kind.Png;
        throw new InvalidDataException($"{path}: neither a JPEG nor a PNG file");
    }

    static byte[] ReadBytes(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: image file not found", path);
        return File.ReadAllBytes(path);
    }
}
