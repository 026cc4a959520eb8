using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Devices;

/// <summary>
/// One radio-opaque piece of a device in head millimetres: a tube along <see cref="Path"/> (outer and inner radius;
/// inner 0 = solid wire or marker band), or a ball of radius <see cref="OuterRadiusMm"/> when the path is one point
/// (a coil mass); <see cref="IsMarker"/> for a platinum marker band (its centre goes into the truth). <see cref="MuPerMm"/> is its linear attenuation at the effective energy (natural-log units).
/// </summary>
internal sealed record DevicePart(string Device, IReadOnlyList<Vec3> Path, double OuterRadiusMm, double InnerRadiusMm, double MuPerMm, bool IsMarker = false);
