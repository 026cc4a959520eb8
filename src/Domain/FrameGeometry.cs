namespace OccluNet.Live.Domain;

/// <summary>
/// The one check of a frame's pixel buffer against its stated size and bit depth, asked by the pipeline before a frame
/// is shown or analysed, by the preprocessor and by the overlay's frame; each adds where the frame came from.
/// </summary>
public static class FrameGeometry
{
    /// <summary>Why <paramref name="pixelCount"/> stored values cannot be a <paramref name="width"/> x <paramref name="height"/> image of <paramref name="bitsStored"/> bits, or null when they can.</summary>
    public static string? Problem(long pixelCount, int width, int height, int bitsStored)
    {
        if (width < 1 || height < 1) return $"image size {width} x {height} is empty";
        if (pixelCount != (long)width * height) return $"{pixelCount} pixels for a {width} x {height} image (expected {(long)width * height})";
        if (bitsStored is < 1 or > 16) return $"bits stored {bitsStored} is outside 1..16";
        return null;
    }
}
