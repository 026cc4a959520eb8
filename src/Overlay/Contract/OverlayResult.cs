using OccluNet.Live.Domain;

namespace OccluNet.Live.Overlay.Contract;

/// <summary>A box the model found in one frame: image pixels, class and confidence.</summary>
public sealed record OverlayDetection(Box Box, string ClassName, float Confidence);

/// <summary>
/// The newest AI result: the frame it belongs to (its pixels are what the AI panel shows) and the model's top detection
/// in that frame, or null when it found nothing there. It fades as it ages. <see cref="AgeFrom"/> (on the
/// <see cref="Streaming.Pipeline.PipelineClock"/>) is the moment the shown age counts from: normally the arrival of the result's frame,
/// i.e. how old the picture the box describes is. <see cref="Run"/> is the run the frame belongs to.
/// </summary>
public sealed record OverlayResult(OverlayFrame Frame, OverlayDetection? Detection, TimeSpan AgeFrom, int Run = 0)
{
    public int FrameIndex => Frame.Index;
}
