using System.Globalization;

namespace OccluNet.Live.Capture.Sources.Video;

/// <summary>The image area on the monitor layout, in picture pixels: left, top, width, height.</summary>
public readonly record struct VideoRoi(int X, int Y, int Width, int Height)
{
    /// <summary>"X,Y,W,H" (integers, W and H at least 16).</summary>
    /// <exception cref="FormatException">Not four integers, or an empty or negative rectangle.</exception>
    public static VideoRoi Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new int[4];
        if (parts.Length != 4 || !parts.Select((p, i) => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i])).All(ok => ok))
            throw new FormatException($"--roi must be X,Y,W,H (four integers, picture pixels) or auto, not '{text}'");
        var roi = new VideoRoi(values[0], values[1], values[2], values[3]);
        if (roi.X < 0 || roi.Y < 0 || roi.Width < 16 || roi.Height < 16)
            throw new FormatException($"--roi {roi} must start at or after 0,0 and be at least 16 x 16 pixels");
        return roi;
    }

    public static VideoRoi Whole(int width, int height) => new(0, 0, width, height);

    /// <summary>Why the ROI cannot be cut from a picture of this size, or null when it fits.</summary>
    public string? ProblemIn(int pictureWidth, int pictureHeight) =>
        X + Width <= pictureWidth && Y + Height <= pictureHeight
            ? null
            : $"the ROI {this} lies outside the {pictureWidth}x{pictureHeight} picture";

    /// <summary>Copies the ROI out of a row-major 8-bit picture.</summary>
    public void Cut(ReadOnlySpan<byte> picture, int pictureWidth, Span<byte> destination)
    {
        for (int y = 0; y < Height; y++)
            picture.Slice((Y + y) * pictureWidth + X, Width).CopyTo(destination.Slice(y * Width, Width));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{X},{Y},{Width},{Height}");
}
