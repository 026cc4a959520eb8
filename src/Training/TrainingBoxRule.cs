using OccluNet.Live.Domain;

namespace OccluNet.Live.Training;

/// <summary>
/// The authors' training filter (<c>filter_cfg = dict(filter_empty_gt=False, min_size=40)</c>): a box narrower or lower
/// than 40 px of a 1024-px image is not a training target (frames left without a box stay, as negatives). Applied to
/// annotated data sets in training only; validation and evaluation judge every box. For other image sizes the 40 px
/// scale with the longer side, so the phantom's 40-px-at-1024 boxes pass at any size.
/// </summary>
internal static class TrainingBoxRule
{
    public const float MinSideAt1024 = 40f;

    public static float MinSide(int width, int height) => MinSideAt1024 * Math.Max(width, height) / 1024f;

    /// <summary>Kept when both sides reach the minimum (a thousandth of a pixel of rounding allowed).</summary>
    public static bool Keeps(Box box, int width, int height)
    {
        float min = MinSide(width, height) - 1e-3f;
        return box.Width >= min && box.Height >= min;
    }
}
