using System.Runtime.InteropServices;
using SkiaSharp;

namespace OccluNet.Live.Overlay.Snapshots;

/// <summary>
/// Writes composed views as PNG files (SkiaSharp) into a folder: every live frame whose index is a multiple of
/// <see cref="EveryNth"/> (1 = every frame), named overlay-f000042.png after the live frame index; when the index goes
/// back (a loop, a step back, the next run of a folder) the pass number keeps names apart: overlay-p01-f000042.png.
/// The view at a run's end is written after its last frame's, as overlay-f000013_run-end.png (sorted after it).
/// </summary>
public sealed class SnapshotWriter
{
    public SnapshotWriter(string directory, int everyNth = 1)
    {
        if (everyNth < 1) throw new ArgumentException($"snapshots: every-nth must be at least 1, was {everyNth}");
        Directory = directory;
        EveryNth = everyNth;
        try { System.IO.Directory.CreateDirectory(directory); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"snapshot folder {directory} cannot be created: {e.Message}", e);
        }
    }

    public string Directory { get; }
    public int EveryNth { get; }

    public bool ShouldWrite(int frameIndex) => frameIndex % EveryNth == 0;

    public string PathFor(int frameIndex, int pass = 0) =>
        Path.Combine(Directory, pass == 0 ? $"overlay-f{frameIndex:D6}.png" : $"overlay-p{pass:D2}-f{frameIndex:D6}.png");

    /// <summary>Writes the PNG as a new file: a snapshot never writes over a file (the folder was claimed new or empty).</summary>
    public string Write(RgbaImage image, int frameIndex, int pass = 0)
    {
        string path = PathFor(frameIndex, pass);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        WritePng(image, stream);
        return path;
    }

    /// <summary>The view at the end of the run whose last frame is <paramref name="lastFrameIndex"/> (always written, whatever <see cref="EveryNth"/>).</summary>
    public string WriteRunEnd(RgbaImage image, int lastFrameIndex, int pass = 0)
    {
        string path = Path.ChangeExtension(PathFor(lastFrameIndex, pass), null) + "_run-end.png";
        WritePng(image, path);
        return path;
    }

    public static void WritePng(RgbaImage image, string path)
    {
        using var stream = File.Create(path);
        WritePng(image, stream);
    }

    public static void WritePng(RgbaImage image, Stream stream)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        Marshal.Copy(image.Pixels, 0, bitmap.GetPixels(), image.Pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        data.SaveTo(stream);
    }
}
