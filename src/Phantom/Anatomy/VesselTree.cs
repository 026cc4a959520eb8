using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Anatomy;

/// <summary>The 3D vessels of one case: arteries as a tree rooted at the catheter, veins and sinuses beside them.</summary>
internal sealed class VesselTree
{
    readonly List<VesselEdge> edges = new();

    public IReadOnlyList<VesselEdge> Edges => edges;

    /// <summary>First edge of each named branch the occlusion planner and the realism checks look up.</summary>
    public Dictionary<string, List<int>> Named { get; } = new();

    public int Add(int parent, Vec3 p0, Vec3 p1, double r0, double r1, VesselKind kind, VesselSegment segment,
        Territory territory, double venousDelayS = 0)
    {
        var edge = new VesselEdge
        {
            Id = edges.Count, Parent = parent, P0 = p0, P1 = p1, R0 = r0, R1 = r1, Kind = kind,
            Segment = segment, Territory = territory, VenousDelayS = venousDelayS,
        };
        edges.Add(edge);
        if (parent >= 0) edges[parent].Children.Add(edge.Id);
        return edge.Id;
    }

    /// <summary>A chain of edges along a polyline; returns the edge ids in order (each the parent of the next).</summary>
    public List<int> AddChain(int parent, IReadOnlyList<Vec3> points, double rStart, double rEnd, VesselKind kind,
        VesselSegment segment, Territory territory, double venousDelayStart = 0, double venousDelayEnd = 0)
    {
        double total = 0;
        for (int i = 1; i < points.Count; i++) total += points[i].DistanceTo(points[i - 1]);
        var ids = new List<int>(points.Count);
        double walked = 0;
        int prev = parent;
        for (int i = 1; i < points.Count; i++)
        {
            double step = points[i].DistanceTo(points[i - 1]);
            double f0 = total > 0 ? walked / total : 0, f1 = total > 0 ? (walked + step) / total : 1;
            double r0 = rStart + (rEnd - rStart) * f0, r1 = rStart + (rEnd - rStart) * f1;
            double delay = venousDelayStart + (venousDelayEnd - venousDelayStart) * f0;
            prev = Add(prev, points[i - 1], points[i], r0, r1, kind, segment, territory, delay);
            ids.Add(prev);
            walked += step;
        }
        return ids;
    }

    public void Name(string name, int edgeId)
    {
        if (!Named.TryGetValue(name, out var list)) Named[name] = list = new List<int>();
        list.Add(edgeId);
    }

    public int First(string name) => Named.TryGetValue(name, out var list) && list.Count > 0 ? list[0] : -1;

    /// <summary>All edges of the subtree that starts with <paramref name="root"/> (inclusive), depth-first.</summary>
    public List<int> Subtree(int root)
    {
        var result = new List<int>();
        var stack = new Stack<int>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            int e = stack.Pop();
            result.Add(e);
            var children = edges[e].Children;
            for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
        return result;
    }

    /// <summary>Path length from the root to the start of every edge (mm).</summary>
    public double[] PathStartMm()
    {
        var path = new double[edges.Count];
        foreach (var e in edges)
            path[e.Id] = e.Parent >= 0 ? path[e.Parent] + edges[e.Parent].Length : 0;
        return path;
    }
}
