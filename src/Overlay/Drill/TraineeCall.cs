namespace OccluNet.Live.Overlay.Drill;

/// <summary>A trainee's call in the drill window: seconds from the case's first frame, and a point in image pixels or null for N ("no occlusion").</summary>
public readonly record struct TraineeCall(double TimeS, (float X, float Y)? Point);
