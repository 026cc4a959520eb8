namespace OccluNet.Live.Cli.Drill;

/// <summary>
/// One line of a marks file: the trainee's call on <see cref="Case"/> at <see cref="TimeS"/> seconds from the run's
/// start, a point in the run's image pixels or null for "no occlusion"; <see cref="Line"/> is its line in the file.
/// </summary>
internal sealed record DrillMark(string Case, double TimeS, (float X, float Y)? Point, int Line);
