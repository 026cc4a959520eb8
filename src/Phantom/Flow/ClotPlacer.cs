using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Anatomy;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Randomness;

namespace OccluNet.Live.Phantom.Flow;

/// <summary>Puts the sampled occlusion on a case's tree (spec 5.1 step 3): face edge, blocked subtree, stump, inlets.</summary>
internal static class ClotPlacer
{
    public static Clot Place(VesselTree tree, OcclusionPlan plan, ulong seed)
    {
        var rng = Xoshiro256.For(seed, PhantomStream.Occlusion, 1);
        int face;
        List<int> blockedRoots;
        switch (plan.SubLocation)
        {
            case "ICA-L":
                face = tree.Named["ICA-supraclinoid"][^1];
                blockedRoots = new List<int> { tree.First("M1") };
                break;
            default:
                face = FaceEdge(tree, plan, ref rng);
                blockedRoots = new List<int>(tree.Edges[face].Children);
                break;
        }
        var blocked = new HashSet<int>();
        foreach (int root in blockedRoots) blocked.UnionWith(tree.Subtree(root));
        return new Clot(plan, face, blocked, ClotBody(tree, blockedRoots, plan.ClotLengthMm), Stump(tree, face),
            Inlets(tree, plan, blocked, face));
    }

    static int FaceEdge(VesselTree tree, OcclusionPlan plan, ref Xoshiro256 rng)
    {
        List<int> chain = plan.SubLocation switch
        {
            "ICA-T" => tree.Named["ICA-supraclinoid"],
            "ICA-cavernous" => tree.Named["ICA-cavernous"],
            "ICA-bulb" or "ICA-cervical" => tree.Named["ICA-cervical"],
            "M2-superior" => Trunk(tree, tree.Named["M2-trunk"][0]),
            "M2-inferior" => Trunk(tree, tree.Named["M2-trunk"][^1]),
            "A2" => tree.Named["A2"].Take(tree.Named["A2"].Count / 2).ToList(),
            "M3" => new List<int> { M3Edge(tree, ref rng) },
            _ => tree.Named["M1"],
        };
        int index = (int)Math.Round(plan.Position * (chain.Count - 1));
        return chain[Math.Clamp(index, 0, Math.Max(0, chain.Count - 2))];
    }

    static List<int> Trunk(VesselTree tree, int first)
    {
        var chain = new List<int> { first };
        while (true)
        {
            var next = tree.Edges[chain[^1]].Children.Where(c => tree.Edges[c].Segment == VesselSegment.M2).ToList();
            if (next.Count == 0) return chain;
            chain.Add(next[0]);
        }
    }

    /// <summary>The first edge of a distal MCA branch of medium calibre (0.55–0.9 mm radius).</summary>
    static int M3Edge(VesselTree tree, ref Xoshiro256 rng)
    {
        var candidates = tree.Edges.Where(e => e.Segment == VesselSegment.McaDistal && e.R0 is >= 0.55 and <= 0.9
            && e.Parent >= 0 && tree.Edges[e.Parent].Children.Count > 1 && !e.IsLeaf).Select(e => e.Id).ToList();
        if (candidates.Count == 0)
            candidates = tree.Edges.Where(e => e.Segment == VesselSegment.McaDistal && !e.IsLeaf).OrderByDescending(e => e.R0).Take(5).Select(e => e.Id).ToList();
        return candidates[rng.NextInt(candidates.Count)];
    }

    static List<int> ClotBody(VesselTree tree, List<int> roots, double lengthMm)
    {
        var body = new List<int>();
        if (roots.Count == 0) return body;
        int e = roots.OrderByDescending(r => tree.Edges[r].R0).First();
        double walked = 0;
        while (e >= 0 && walked < lengthMm)
        {
            body.Add(e);
            walked += tree.Edges[e].Length;
            var children = tree.Edges[e].Children;
            e = children.Count == 0 ? -1 : children.OrderByDescending(c => tree.Edges[c].R0).First();
        }
        return body;
    }

    static List<int> Stump(VesselTree tree, int face)
    {
        var stump = new List<int> { face };
        int e = tree.Edges[face].Parent;
        while (e >= 0 && stump.Count < 15 && tree.Edges[e].Children.Count == 1)
        {
            stump.Add(e);
            e = tree.Edges[e].Parent;
        }
        return stump;
    }

    /// <summary>
    /// Collateral inlets: cortical leaves of the blocked tree nearest the watershed (the most superior first: the ACA–MCA
    /// border), as many as the grade's inlet fraction; perforators never get collaterals. Extracranial ICA: the ophthalmic end
    /// (ECA→ophthalmic anastomoses).
    /// </summary>
    static List<int> Inlets(VesselTree tree, OcclusionPlan plan, HashSet<int> blocked, int face)
    {
        if (plan.Class == OcclusionClass.ExtracranialIca) return new List<int> { tree.Named["ophthalmic"][^1] };
        // Leptomeningeal anastomoses sit on the convexity at the watershed: only the most peripheral leaves (path from the
        // clot in the outer 40% of the occluded tree's reach) are inlets, so the front runs back from the periphery.
        var path = tree.PathStartMm();
        var cortical = blocked.Where(e => tree.Edges[e].IsLeaf && tree.Edges[e].Segment is VesselSegment.McaDistal or VesselSegment.AcaDistal or VesselSegment.PcaDistal).ToList();
        if (cortical.Count == 0) return new List<int>();
        double reach = cortical.Max(e => path[e]), start = path[face] + tree.Edges[face].Length;
        double from = start + 0.6 * (reach - start);
        var leaves = cortical.Where(e => path[e] >= from).OrderByDescending(e => tree.Edges[e].P1.Z).ThenBy(e => e).ToList();
        int take = Math.Max(1, (int)Math.Round(leaves.Count * plan.CollateralInletFraction));
        return leaves.Take(Math.Min(take, leaves.Count)).ToList();
    }
}
