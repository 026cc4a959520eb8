using OccluNet.Live.Phantom.Anatomy;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Imaging;

namespace OccluNet.Live.Phantom.Flow;

/// <summary>
/// The drawn end of the contrast column at the clot face (spec 2.5.1): cut-off = straight end; meniscus = centre stops
/// 0.5–0.8 r short of the walls (concave toward the lumen); claw = horns longer than half the diameter (1.2–1.8 r);
/// tapered = the lumen narrows to a point over the last two pieces; tram-track = straight end (its partial distal
/// filling is in the flow model).
/// </summary>
internal static class ClotShapes
{
    public static Dictionary<int, EdgeShape> For(VesselTree tree, Clot clot)
    {
        var face = tree.Edges[clot.FaceEdge];
        double r = face.R1;
        var shapes = new Dictionary<int, EdgeShape> { [face.Id] = new EdgeShape(face.R0, face.R1, 0, FlatEnd: true) };
        switch (clot.Plan.Face)
        {
            case ClotFace.Meniscus:
                shapes[face.Id] = new EdgeShape(face.R0, face.R1, 0.65 * r, FlatEnd: true);
                break;
            case ClotFace.Claw:
                shapes[face.Id] = new EdgeShape(face.R0, face.R1, 1.5 * r, FlatEnd: true);
                break;
            case ClotFace.Tapered:
                shapes[face.Id] = new EdgeShape(face.R0 * 0.55, face.R1 * 0.12, 0, FlatEnd: true);
                if (face.Parent >= 0 && tree.Edges[face.Parent].Children.Count == 1)
                {
                    var p = tree.Edges[face.Parent];
                    shapes[p.Id] = new EdgeShape(p.R0, p.R1 * 0.55, 0);
                }
                break;
        }
        return shapes;
    }
}
