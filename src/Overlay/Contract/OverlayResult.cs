using OccluNet.Live.Domain;

namespace OccluNet.Live.Overlay.Contract;

/// <summary>The best trajectory at the result's frame: its box and recent centres in image pixels, class and confidence.</summary>
public sealed record OverlayTrajectory(Box Box, IReadOnlyList<(float X, float Y)> RecentCentres, string ClassName, float Confidence);

/// <summary>
/// The latest AI result: the frame it belongs to (its pixels are what the AI panel shows) and the best trajectory,
/// or null when there is none. <see cref="AgeFrom"/> (on the <see cref="MonotonicClock"/>) is the moment the shown
/// age counts from: normally the arrival of the result's frame, i.e. how old the picture the box describes is.
/// </summary>
public sealed record OverlayResult(OverlayFrame Frame, OverlayTrajectory? Trajectory, TimeSpan AgeFrom)
{
    public int FrameIndex => Frame.Index;
}
