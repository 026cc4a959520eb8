namespace OccluNet.Live.Domain;

/// <summary>An axis-aligned box in pixel coordinates (x to the right, y down), corners inclusive-exclusive.</summary>
public readonly record struct Box(float X1, float Y1, float X2, float Y2)
{
    public float Width => X2 - X1;
    public float Height => Y2 - Y1;
    public float CenterX => (X1 + X2) / 2f;
    public float CenterY => (Y1 + Y2) / 2f;
    public float Area => Math.Max(0f, Width) * Math.Max(0f, Height);

    public static Box FromCenter(float cx, float cy, float width, float height) =>
        new(cx - width / 2f, cy - height / 2f, cx + width / 2f, cy + height / 2f);

    /// <summary>The same box with every coordinate multiplied by <paramref name="factor"/> (e.g. 1024 px space to 640).</summary>
    public Box Scale(float factor) => new(X1 * factor, Y1 * factor, X2 * factor, Y2 * factor);

    public Box Translate(float dx, float dy) => new(X1 + dx, Y1 + dy, X2 + dx, Y2 + dy);

    public bool Contains(float x, float y) => x >= X1 && x <= X2 && y >= Y1 && y <= Y2;

    public float CenterDistance(Box other) =>
        MathF.Sqrt((CenterX - other.CenterX) * (CenterX - other.CenterX) + (CenterY - other.CenterY) * (CenterY - other.CenterY));

    public float IntersectionOverUnion(Box other)
    {
        float iw = Math.Min(X2, other.X2) - Math.Max(X1, other.X1);
        float ih = Math.Min(Y2, other.Y2) - Math.Max(Y1, other.Y1);
        if (iw <= 0 || ih <= 0) return 0f;
        float inter = iw * ih;
        return inter / (Area + other.Area - inter);
    }
}
