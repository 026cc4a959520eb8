using OccluNet.Live.Domain;

namespace OccluNet.Live.Overlay.Pipeline;

/// <summary>
/// What the overlay shows about the model and the run beside the pipeline's own status: the detector (model id,
/// device, class names), whether this is a replay, and how many recent trajectory centres make the path.
/// </summary>
public sealed record OverlaySinkOptions(DetectorInfo Detector, bool IsReplay, int PathLength = 8)
{
    public string ClassName(int classId) => Detector.Classes.NameOf(classId);
}
