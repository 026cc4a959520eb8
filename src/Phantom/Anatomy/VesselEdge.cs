using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Anatomy;

/// <summary>
/// One short straight piece of vessel (about 2 mm) from <see cref="P0"/> to <see cref="P1"/> with radii tapering
/// linearly. Arteries form a tree: an edge's children start at its <see cref="P1"/>. Veins carry their own delay after
/// the venous base time instead of a parent.
/// </summary>
internal sealed class VesselEdge
{
    public required int Id { get; init; }
    public required int Parent { get; init; }
    public required Vec3 P0 { get; init; }
    public required Vec3 P1 { get; init; }
    public required double R0 { get; set; }
    public required double R1 { get; set; }
    public required VesselKind Kind { get; init; }
    public required VesselSegment Segment { get; init; }
    public required Territory Territory { get; init; }

    /// <summary>Veins only: seconds after the venous base time at which this piece starts to opacify (drainage order).</summary>
    public double VenousDelayS { get; init; }

    public List<int> Children { get; } = new();

    public double Length => P0.DistanceTo(P1);
    public double MeanRadius => 0.5 * (R0 + R1);
    public bool IsLeaf => Children.Count == 0;
}
