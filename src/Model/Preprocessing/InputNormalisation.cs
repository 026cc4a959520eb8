namespace OccluNet.Live.Model.Preprocessing;

/// <summary>How stored grey values become model input values.</summary>
public enum NormalisationScheme
{
    /// <summary>v / (2^BitsStored - 1): the full stored range of the image maps to [0, 1] whatever its bit depth (10-12 bit DSA).</summary>
    BitsStored,
    /// <summary>The authors' pipeline: clip to [0, 1023], divide by 1023 (fits true 10-bit data; 8-bit files land in [0, 0.25]).</summary>
    Fixed1023,
}

/// <summary>
/// Input normalisation recorded in every checkpoint: scheme, a final scale (e.g. 255 for COCO-pretrained YOLOX, which
/// saw raw 0-255 pixels), and the value of letterbox padding before that scale (YOLOX's grey 114 of 255).
/// MONOCHROME1 images are inverted first, so bright always means high signal as in MONOCHROME2.
/// </summary>
public sealed record InputNormalisation(NormalisationScheme Scheme = NormalisationScheme.BitsStored, float OutputScale = 1f, float PadValue = 114f / 255f)
{
    /// <summary>This project's default: full stored range to [0, 1], pad 114/255.</summary>
    public static readonly InputNormalisation Default = new();

    /// <summary>What the authors' code does: clip 1023, /1023, pad 114/1023.</summary>
    public static readonly InputNormalisation AuthorsTenBit = new(NormalisationScheme.Fixed1023, 1f, 114f / 1023f);

    /// <summary>The stored value that maps to 1 before <see cref="OutputScale"/>.</summary>
    public float FullScale(int bitsStored) => Scheme switch
    {
        NormalisationScheme.BitsStored => (1 << bitsStored) - 1,
        NormalisationScheme.Fixed1023 => 1023f,
        _ => throw new ArgumentOutOfRangeException(nameof(Scheme), Scheme, "unknown normalisation scheme"),
    };

    /// <summary>A (possibly interpolated) stored value to a model input value.</summary>
    public float Apply(float stored, int bitsStored, bool monochrome1)
    {
        float full = (1 << bitsStored) - 1;
        float value = monochrome1 ? full - stored : stored;
        float scale = FullScale(bitsStored);
        return Math.Clamp(value / scale, 0f, 1f) * OutputScale;
    }
}
