using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Overlay.Rendering;
using OccluNet.Live.Overlay.Snapshots;
using SkiaSharp;

namespace OccluNet.Live.Overlay.Tests;

internal static class PixelAssert
{
    /// <summary>Every pixel of <paramref name="rect"/> is grey and equals the frame's windowed value (±1), image shown 1:1 or at an integer scale.</summary>
    public static void ShowsFrame(RgbaImage image, PixelRect rect, OverlayFrame frame) => ShowsFrame(image, rect, frame, 0, 0, wholeImage: true);

    /// <summary>The same for a 1:1 part of the image whose top-left pixel is (<paramref name="originX"/>, <paramref name="originY"/>).</summary>
    public static void ShowsFrame(RgbaImage image, PixelRect rect, OverlayFrame frame, int originX, int originY) =>
        ShowsFrame(image, rect, frame, originX, originY, wholeImage: false);

    static void ShowsFrame(RgbaImage image, PixelRect rect, OverlayFrame frame, int originX, int originY, bool wholeImage)
    {
        int scale = wholeImage ? rect.Width / frame.Width : 1;
        if (wholeImage)
        {
            Assert.That(rect.Width, Is.EqualTo(frame.Width * scale), "the panel shows the image at an integer scale");
            Assert.That(rect.Height, Is.EqualTo(frame.Height * scale));
        }
        int worst = 0;
        for (int y = 0; y < rect.Height; y++)
            for (int x = 0; x < rect.Width; x++)
            {
                var p = image.At(rect.X + x, rect.Y + y);
                int expected = frame.DisplayGrey(frame.Pixels[(originY + y / scale) * frame.Width + originX + x / scale]);
                worst = Math.Max(worst, Math.Max(Math.Abs(p.R - expected), Math.Max(Math.Abs(p.G - expected), Math.Abs(p.B - expected))));
            }
        Assert.That(worst, Is.LessThanOrEqualTo(1), $"largest difference from the windowed input in {rect}");
    }

    /// <summary>Amber-ish: what only the AI's box can be (image pixels are grey; the path is cyan).</summary>
    public static bool IsBoxColour((byte R, byte G, byte B, byte A) p) => p.R > p.B + 60 && p.G > p.B + 30;

    /// <summary>Red: the run's finding (the newest detection is amber, image pixels grey, the path cyan).</summary>
    public static bool IsFindingColour((byte R, byte G, byte B, byte A) p) => p.R > 180 && p.G < 110 && p.B < 110;

    public static int CountFindingColoured(RgbaImage image, PixelRect rect) => Count(rect, (x, y) => IsFindingColour(image.At(x, y)));

    /// <summary>The same count in a decoded snapshot PNG.</summary>
    public static int CountFindingColoured(SKBitmap bitmap, PixelRect rect) => Count(rect, (x, y) =>
    {
        var c = bitmap.GetPixel(x, y);
        return IsFindingColour((c.Red, c.Green, c.Blue, c.Alpha));
    });

    static int Count(PixelRect rect, Func<int, int, bool> counts)
    {
        int n = 0;
        for (int y = rect.Y; y < rect.Bottom; y++)
            for (int x = rect.X; x < rect.Right; x++)
                if (counts(x, y)) n++;
        return n;
    }

    public static int CountBoxColoured(RgbaImage image, PixelRect rect)
    {
        int count = 0;
        for (int y = rect.Y; y < rect.Bottom; y++)
            for (int x = rect.X; x < rect.Right; x++)
                if (IsBoxColour(image.At(x, y))) count++;
        return count;
    }

    public static int CountNonGrey(RgbaImage image, PixelRect rect)
    {
        int count = 0;
        for (int y = rect.Y; y < rect.Bottom; y++)
            for (int x = rect.X; x < rect.Right; x++)
            {
                var p = image.At(x, y);
                if (p.R != p.G || p.G != p.B) count++;
            }
        return count;
    }

    /// <summary>The same count in a decoded snapshot PNG.</summary>
    public static int CountBoxColoured(SKBitmap bitmap, PixelRect rect)
    {
        int n = 0;
        for (int y = rect.Y; y < rect.Bottom; y++)
            for (int x = rect.X; x < rect.Right; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (IsBoxColour((c.Red, c.Green, c.Blue, c.Alpha))) n++;
            }
        return n;
    }

    /// <summary>An empty folder for a test's snapshots under the test output (overlay-snapshots/NAME), kept for viewing.</summary>
    public static string SnapshotFolder(string name)
    {
        string dir = Path.Combine(TestContext.CurrentContext.WorkDirectory, "overlay-snapshots", name);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        return dir;
    }
}
