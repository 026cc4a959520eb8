using SkiaSharp;

namespace OccluNet.Live.Phantom.Report;

/// <summary>Grayscale PNGs of stored frames (window = full stored range) for the report and for looking at runs.</summary>
internal static class PngWriter
{
    public static void WriteGray(string path, ushort[] pixels, int width, int height, int bitsStored)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        var bytes = new byte[width * height];
        int shift = Math.Max(0, bitsStored - 8);
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)Math.Min(255, pixels[i] >> shift);
        System.Runtime.InteropServices.Marshal.Copy(bytes, 0, bitmap.GetPixels(), bytes.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    /// <summary>Several frames side by side (a strip), each scaled to <paramref name="tile"/> px.</summary>
    public static void WriteStrip(string path, IReadOnlyList<ushort[]> frames, IReadOnlyList<string> labels, int width, int height, int bitsStored, int tile)
    {
        using var surface = SKSurface.Create(new SKImageInfo(tile * frames.Count, tile + 22));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.Black);
        using var font = new SKFont(SKTypeface.Default, 15);
        using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
        int shift = Math.Max(0, bitsStored - 8);
        for (int k = 0; k < frames.Count; k++)
        {
            using var bitmap = new SKBitmap(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
            var bytes = new byte[width * height];
            for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)Math.Min(255, frames[k][i] >> shift);
            System.Runtime.InteropServices.Marshal.Copy(bytes, 0, bitmap.GetPixels(), bytes.Length);
            using var image = SKImage.FromBitmap(bitmap);
            using var smooth = new SKPaint { FilterQuality = SKFilterQuality.Medium };
            canvas.DrawImage(image, new SKRect(k * tile, 22, (k + 1) * tile, 22 + tile), smooth);
            canvas.DrawText(labels[k], k * tile + 4, 16, font, paint);
        }
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
