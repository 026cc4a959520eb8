using OccluNet.Live.Phantom.Anatomy;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Flow;
using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Devices;

/// <summary>
/// Places a phantom-2 case's devices in its 3D tree: the guide catheter (6F, braided wall) from the neck up the CCA to
/// its tip in the cervical ICA (or in the CCA when the case injects there); the microcatheter (0.021", platinum bands at
/// its tip and <see cref="DeviceParameters.MarkerSpacingMm"/> proximal) along the vessels to the clot face, or to the end
/// of an M2 trunk without a clot, with the wire beyond its tip; a stent retriever across the clot (three helical struts,
/// three distal markers and one proximal); a coil mass beside the PCoA origin; a clip above the MCA division.
/// Attenuations are design values chosen so that a platinum marker is among the darkest things in a native frame and a
/// nitinol strut is barely visible, as in real runs.
/// </summary>
internal static class DevicePlacer
{
    public const string Guide = "guide-catheter", Micro = "microcatheter", Wire = "wire", Stent = "stent-retriever", Coils = "coils", Clip = "clip";

    public static List<DevicePart> Place(VesselTree tree, PhantomCase c, Clot? clot)
    {
        var parts = new List<DevicePart>();
        var d = c.Phantom2?.Devices;
        if (d == null || !d.Any) return parts;
        if (d.GuideCatheter)
        {
            var chain = c.Flow.CatheterInCca ? tree.Named["CCA"] : tree.Named["ICA-cervical"];
            int tip = chain[(int)(chain.Count * (c.Flow.CatheterInCca ? 0.7 : 0.5))];
            parts.Add(new DevicePart(Guide, PathTo(tree, tip), 1.0, 0.8, 0.35));
        }
        if (d.Microcatheter)
        {
            int target = clot?.FaceEdge ?? tree.Named["M2"][^1];
            var path = PathTo(tree, target);
            parts.Add(new DevicePart(Micro, path, 0.45, 0.3, 0.25));
            double length = Polyline.Length(path);
            parts.Add(Marker(Micro, path, length - 0.6, 0.45));
            parts.Add(Marker(Micro, path, length - d.MarkerSpacingMm, 0.45));
            var beyond = Beyond(tree, target, d.WireExtensionMm);
            parts.Add(new DevicePart(Wire, beyond, 0.18, 0, 3.0));
            if (d.StentRetriever && clot != null)
            {
                var stentAxis = Beyond(tree, target, d.StentLengthMm);
                double radius = Math.Min(2.0, tree.Edges[target].R1 * 0.95);
                for (int k = 0; k < 3; k++) parts.Add(new DevicePart(Stent, Helix(stentAxis, radius, k * 2 * Math.PI / 3), 0.04, 0, 3.0));
                double stentLength = Polyline.Length(stentAxis);
                for (int k = 0; k < 3; k++)
                {
                    var (p, dir) = Polyline.At(stentAxis, stentLength - 0.6);
                    var offset = dir.AnyPerpendicular().Rotate(dir, k * 2 * Math.PI / 3) * radius;
                    parts.Add(new DevicePart(Stent, new[] { p + offset - dir * 0.5, p + offset + dir * 0.5 }, 0.25, 0, 6.0, IsMarker: true));
                }
                parts.Add(Marker(Stent, stentAxis, 0.6, 0.25));
            }
        }
        if (d.Coils)
        {
            var origin = tree.Edges[tree.First("PCoA")].P0;
            parts.Add(new DevicePart(Coils, new[] { origin + new Vec3(0, 3, 4) }, 3.0, 0, 1.2));
        }
        if (d.Clip)
        {
            var division = tree.Edges[tree.Named["M1"][^1]].P1 + new Vec3(2, 0, 6);
            parts.Add(new DevicePart(Clip, new[] { division - new Vec3(0, 3.5, 0), division + new Vec3(0, 3.5, 0) }, 0.8, 0, 2.0));
        }
        return parts;
    }

    /// <summary>A 1-mm platinum marker band around <paramref name="path"/> at arc length <paramref name="atMm"/>.</summary>
    static DevicePart Marker(string device, IReadOnlyList<Vec3> path, double atMm, double radius)
    {
        var (p, dir) = Polyline.At(path, Math.Max(0.6, atMm));
        return new DevicePart(device, new[] { p - dir * 0.5, p + dir * 0.5 }, radius, 0, 6.0, IsMarker: true);
    }

    /// <summary>Points from the root of the arterial tree to the end of <paramref name="edge"/>.</summary>
    static List<Vec3> PathTo(VesselTree tree, int edge)
    {
        var ids = new List<int>();
        for (int e = edge; e >= 0; e = tree.Edges[e].Parent) ids.Add(e);
        ids.Reverse();
        var points = new List<Vec3> { tree.Edges[ids[0]].P0 };
        foreach (int e in ids) points.Add(tree.Edges[e].P1);
        return points;
    }

    /// <summary>From the end of <paramref name="edge"/> on along its widest descendants, about <paramref name="lengthMm"/>.</summary>
    static List<Vec3> Beyond(VesselTree tree, int edge, double lengthMm)
    {
        var points = new List<Vec3> { tree.Edges[edge].P1 };
        double walked = 0;
        for (int e = edge; walked < lengthMm && tree.Edges[e].Children.Count > 0;)
        {
            e = tree.Edges[e].Children.MaxBy(child => tree.Edges[child].R0);
            points.Add(tree.Edges[e].P1);
            walked += tree.Edges[e].Length;
        }
        if (points.Count == 1) points.Add(points[0] + (tree.Edges[edge].P1 - tree.Edges[edge].P0).Normalized() * lengthMm);
        return points;
    }

    /// <summary>A strut wound around <paramref name="axis"/> at <paramref name="radius"/>, one turn per 8 mm.</summary>
    static List<Vec3> Helix(IReadOnlyList<Vec3> axis, double radius, double phase)
    {
        double length = Polyline.Length(axis);
        var points = new List<Vec3>();
        for (double s = 0; s <= length; s += 0.5)
        {
            var (p, dir) = Polyline.At(axis, s);
            points.Add(p + dir.AnyPerpendicular().Rotate(dir, phase + 2 * Math.PI * s / 8.0) * radius);
        }
        return points;
    }
}
