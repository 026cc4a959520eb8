namespace OccluNet.Live.Overlay.Rendering;

/// <summary>A rectangle in framebuffer pixels, origin top-left, y down.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;

    public bool Contains(int x, int y) => x >= X && x < Right && y >= Y && y < Bottom;

    /// <summary>The largest rectangle of <paramref name="aspectWidth"/>:<paramref name="aspectHeight"/> centred in this one.</summary>
    public PixelRect Fit(int aspectWidth, int aspectHeight)
    {
        if (Width <= 0 || Height <= 0 || aspectWidth <= 0 || aspectHeight <= 0) return new PixelRect(X, Y, 0, 0);
        double scale = Math.Min((double)Width / aspectWidth, (double)Height / aspectHeight);
        int w = Math.Min(Width, (int)Math.Round(aspectWidth * scale));
        int h = Math.Min(Height, (int)Math.Round(aspectHeight * scale));
        return new PixelRect(X + (Width - w) / 2, Y + (Height - h) / 2, w, h);
    }
}
