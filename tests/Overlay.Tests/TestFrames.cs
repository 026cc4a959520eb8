using OccluNet.Live.Domain;
using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Streaming.Pipeline;

namespace OccluNet.Live.Overlay.Tests;

/// <summary>Frames and results with known content for the rendering tests.</summary>
internal static class TestFrames
{
    /// <summary>A 12-bit frame whose values vary in x and y (every 8-bit display level appears), plus an offset per frame.</summary>
    public static OverlayFrame Gradient(int width, int height, int index = 0, int offset = 0, bool monochrome1 = false,
        VoiWindow? window = null, int bitsStored = 12)
    {
        var pixels = new ushort[width * height];
        int max = (1 << bitsStored) - 1;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                pixels[y * width + x] = (ushort)Math.Min(max, (x * 4093 / Math.Max(1, width - 1) + y * 7 + offset) % (max + 1));
        return new OverlayFrame(pixels, width, height, bitsStored, monochrome1, window, index, TimeSpan.FromSeconds(index / 3.0), TimeSpan.Zero);
    }

    /// <summary>A DSA-like 12-bit frame: flat background, dark contrast-filled vessels; M1 cut off at the occlusion once visible.</summary>
    public static OverlayFrame Angiogram(int size, int index, bool occlusionVisible)
    {
        var pixels = new ushort[size * size];
        var rng = new Random(index);
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (ushort)(2700 + rng.Next(-60, 60));
        float s = size / 128f;
        float fill = Math.Min(1f, index / 4f);
        DrawVessel(pixels, size, (64 * s, 127 * s), (64 * s, 70 * s), 3.2f * s, fill);          // ICA
        DrawVessel(pixels, size, (64 * s, 70 * s), (30 * s, 52 * s), 2.4f * s, fill);           // ACA side
        float m1End = occlusionVisible ? 82 * s : 112 * s;
        DrawVessel(pixels, size, (64 * s, 70 * s), (m1End, 60 * s), 2.6f * s, fill);            // M1 (cut when occluded)
        if (!occlusionVisible)
        {
            DrawVessel(pixels, size, (112 * s, 60 * s), (120 * s, 30 * s), 1.6f * s, fill);      // M2 branches
            DrawVessel(pixels, size, (112 * s, 60 * s), (122 * s, 84 * s), 1.6f * s, fill);
        }
        DrawVessel(pixels, size, (30 * s, 52 * s), (24 * s, 14 * s), 1.8f * s, fill);
        return new OverlayFrame(pixels, size, size, 12, false, new VoiWindow(2000, 2400), index, TimeSpan.FromSeconds(index / 3.0), PipelineClock.Now);
    }

    static void DrawVessel(ushort[] pixels, int size, (float X, float Y) a, (float X, float Y) b, float radius, float fill)
    {
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                float d = DistanceToSegment(x + 0.5f, y + 0.5f, a, b);
                if (d > radius + 1) continue;
                float edge = Math.Clamp(radius + 0.5f - d, 0f, 1f);
                int darker = (int)(1700 * fill * edge);
                int i = y * size + x;
                pixels[i] = (ushort)Math.Max(0, Math.Min(pixels[i], 2700 - darker));
            }
    }

    static float DistanceToSegment(float px, float py, (float X, float Y) a, (float X, float Y) b)
    {
        float dx = b.X - a.X, dy = b.Y - a.Y;
        float t = Math.Clamp(((px - a.X) * dx + (py - a.Y) * dy) / (dx * dx + dy * dy), 0f, 1f);
        float cx = a.X + t * dx - px, cy = a.Y + t * dy - py;
        return MathF.Sqrt(cx * cx + cy * cy);
    }

    public static OverlayResult Result(OverlayFrame frame, Box box, TimeSpan createdAt, string className = "M1", float confidence = 0.87f) =>
        new(frame, new OverlayDetection(box, className, confidence), createdAt);

    /// <summary>A run's finding at <paramref name="box"/> with a short path ending in its centre.</summary>
    public static OverlayFinding Finding(Box box, TimeSpan evidenceAt, bool runEnded = false, int firstFrame = 4, int lastFrame = 8) =>
        new(0, new OverlayDetection(box, "M1", 0.87f), new[] { (box.CenterX - 12, box.CenterY + 8), (box.CenterX - 6, box.CenterY + 4), (box.CenterX, box.CenterY) },
            firstFrame, lastFrame, evidenceAt, runEnded);
}
