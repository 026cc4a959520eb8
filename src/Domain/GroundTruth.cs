namespace OccluNet.Live.Domain;

/// <summary>
/// What the metric needs to know about one run's truth: image size, the occlusion (if any), and when it is visible.
/// The phantom's ground-truth JSON (docs/ground-truth.md) holds this as its "truth" object, beside many more fields;
/// any other data set can supply the same object to be evaluated.
/// </summary>
public sealed record RunTruth(
    string RunId,
    int Width,
    int Height,
    string View,
    OcclusionTruth? Occlusion);

/// <summary>
/// One occlusion: class, the clot point, a tight box and the paper's fixed-size box (40 px at 1024), all in image
/// pixels; frames [FirstVisibleFrame, LastVisibleFrame] are those in which it is visible (inclusive, 0-based).
/// </summary>
public sealed record OcclusionTruth(
    OcclusionClass Class,
    float ClotX,
    float ClotY,
    Box TightBox,
    Box FixedBox,
    int FirstVisibleFrame,
    int LastVisibleFrame)
{
    public bool IsVisibleIn(int frameIndex) => frameIndex >= FirstVisibleFrame && frameIndex <= LastVisibleFrame;
}
