namespace OccluNet.Live.Overlay.Rendering;

/// <summary>
/// How strongly a result is drawn at a given age: full until <see cref="FadeAfter"/>, then fading linearly to
/// <see cref="FaintestOpacity"/> at <see cref="ClearAfter"/>, then gone (a stale box must not sit on a vessel
/// that has since changed).
/// </summary>
public sealed record ResultFade(TimeSpan FadeAfter, TimeSpan ClearAfter, float FaintestOpacity = 0.25f)
{
    public static readonly ResultFade Default = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));

    /// <summary>Opacity in (0, 1], or 0 when the result is to be cleared.</summary>
    public float OpacityAt(TimeSpan age)
    {
        if (age >= ClearAfter) return 0f;
        if (age <= FadeAfter) return 1f;
        double t = (age - FadeAfter) / (ClearAfter - FadeAfter);
        return (float)(1.0 - t * (1.0 - FaintestOpacity));
    }

    public void Validate()
    {
        if (FadeAfter < TimeSpan.Zero || ClearAfter <= FadeAfter)
            throw new ArgumentException($"result fade: clear-after {ClearAfter.TotalSeconds} s must exceed fade-after {FadeAfter.TotalSeconds} s >= 0");
    }
}
