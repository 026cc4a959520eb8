using OccluNet.Live.Phantom.Anatomy;

namespace OccluNet.Live.Phantom.Flow;

/// <summary>
/// Path length (mm) from the collateral inlets to every blocked edge, along the blocked part of the tree in either
/// direction (Dijkstra on nodes = edge ends); the retrograde front runs this path, so distal branches fill first.
/// </summary>
internal static class CollateralPaths
{
    public static double[] Distances(VesselTree tree, Clot clot)
    {
        int n = tree.Edges.Count;
        // node i = end of edge i; node n + 0 stands for "start of a root"; start of edge e = node Parent(e).
        var nodeDist = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        var queue = new PriorityQueue<int, double>();
        foreach (int inlet in clot.Inlets)
        {
            nodeDist[inlet] = 0;
            queue.Enqueue(inlet, 0);
        }
        while (queue.TryDequeue(out int node, out double d))
        {
            if (d > nodeDist[node]) continue;
            foreach (var (next, len) in Neighbours(tree, clot, node))
            {
                if (d + len >= nodeDist[next]) continue;
                nodeDist[next] = d + len;
                queue.Enqueue(next, d + len);
            }
        }
        var edgeDist = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
        foreach (int e in clot.Blocked)
        {
            int start = tree.Edges[e].Parent;
            double viaStart = start >= 0 ? nodeDist[start] : double.PositiveInfinity;
            edgeDist[e] = Math.Min(nodeDist[e], viaStart) + 0.5 * tree.Edges[e].Length;
        }
        return edgeDist;
    }

    /// <summary>Nodes reachable from the end of edge <paramref name="node"/> through one blocked edge.</summary>
    static IEnumerable<(int next, double len)> Neighbours(VesselTree tree, Clot clot, int node)
    {
        var edge = tree.Edges[node];
        if (clot.Blocked.Contains(node) && edge.Parent >= 0) yield return (edge.Parent, edge.Length);
        foreach (int child in edge.Children)
            if (clot.Blocked.Contains(child)) yield return (child, tree.Edges[child].Length);
    }
}
