namespace OccluNet.Live.Phantom.Imaging;

/// <summary>
/// How one edge is drawn when it differs from its plain cylinder: radii at its two ends (mm) and, for the clot face,
/// the depth (mm) by which the contrast column's centre stops short of the walls (meniscus/claw: concave toward the
/// lumen; 0 = straight cut-off). <see cref="FlatEnd"/> drops the round half-cap at P1 (the column ends at the clot).
/// </summary>
internal readonly record struct EdgeShape(double R0, double R1, double CapDepthMm, bool FlatEnd = false);
