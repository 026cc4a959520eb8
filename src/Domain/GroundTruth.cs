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
/// pixels; frames [FirstVisibleFrame, LastVisibleFrame] are those in which it is visible (inclusive, 0-based), or
/// -1..-1 when contrast never reaches it during the run (e.g. a run that ends before arrival).
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
    public const int NeverVisible = -1;

    public bool IsVisibleIn(int frameIndex) => IsEverVisible && frameIndex >= FirstVisibleFrame && frameIndex <= LastVisibleFrame;

    /// <summary>False when the occlusion shows in no frame of the run: nothing in it can be annotated.</summary>
    public bool IsEverVisible => FirstVisibleFrame >= 0;
}
