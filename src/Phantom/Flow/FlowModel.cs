using OccluNet.Live.Phantom.Anatomy;
using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Phantom.Flow;

/// <summary>
/// Analytic contrast transport (spec 2.2–2.5): arrival = injection + Σ L/v(d) along the path from the catheter, with
/// velocity falling with diameter (Aaslid 1982 for the large arteries), dispersion β = β0 + 0.3·τ, peak scaled to keep
/// the bolus area; stump stagnation; no antegrade filling behind the clot (a faint delayed trickle for tram-track);
/// collateral filling from the inlets backwards along the blocked tree (front speed, reach, peak fraction and delay by
/// grade); delayed, weaker blush and venous drainage of the affected territory.
/// </summary>
internal static class FlowModel
{
    public static FlowSolution Solve(VesselTree tree, PhantomCase c, Clot? clot)
    {
        var f = c.Flow;
        int n = tree.Edges.Count;
        double beta0 = Math.Max(0.2, f.InjectionDurationS / (2.35 * Math.Sqrt(f.IcaAlpha + 1)));
        var ica = new GammaCurve(f.InjectionStartS + 0.1, f.IcaAlpha, beta0, f.PlateauMgPerMl);
        double[] transit = Transit(tree, f);
        var antegrade = new GammaCurve[n];
        foreach (var e in tree.Edges)
            antegrade[e.Id] = e.Kind == VesselKind.Artery && !double.IsNaN(transit[e.Id]) ? Arterial(ica, transit[e.Id]) : GammaCurve.None;

        var collateral = new GammaCurve[n];
        var arrival = Enumerable.Repeat(double.NaN, n).ToArray();
        var blushNormal = new GammaCurve(ica.T0 + f.CapillaryDelayS, f.CapillaryAlpha, f.CapillaryBetaS, f.BlushPeakD);
        var blushAffected = GammaCurve.None;
        var affectedLeaves = new HashSet<int>();
        double pf = 1, delay = 0, mcaAffected = 0, affectedShare = 0;
        if (clot != null)
        {
            var plan = clot.Plan;
            pf = plan.CollateralPeakFraction;
            delay = plan.CollateralDelayS;
            ApplyStump(antegrade, collateral, clot);
            foreach (int e in clot.Blocked)
                antegrade[e] = plan.Face == ClotFace.TramTrack && antegrade[e].Peak > 0
                    ? antegrade[e] with { T0 = antegrade[e].T0 + 0.8, Beta = antegrade[e].Beta * 1.5, Peak = antegrade[e].Peak * 0.25 }
                    : GammaCurve.None;
            double collateralStart = ica.T0 + CorticalTransit(tree, transit) + delay;
            Collaterals(tree, clot, transit, ica, collateralStart, collateral, arrival);
            foreach (int e in clot.Blocked) if (tree.Edges[e].IsLeaf) affectedLeaves.Add(e);
            blushAffected = blushNormal with
            {
                T0 = blushNormal.T0 + delay + 0.5, Beta = blushNormal.Beta * 1.5, Peak = blushNormal.Peak * Math.Max(0.05, pf),
            };
            (mcaAffected, affectedShare) = AffectedShares(tree, clot);
        }
        for (int i = 0; i < n; i++) if (collateral[i].Peak == 0) collateral[i] = GammaCurve.None;
        var venousBase = new GammaCurve(ica.T0 + f.VenousDelayS, f.VenousAlpha, f.VenousBetaS, f.PlateauMgPerMl * f.VenousPeakFraction);
        foreach (var e in tree.Edges.Where(e => e.Kind == VesselKind.Vein))
        {
            double w = e.Segment == VesselSegment.CorticalVein ? mcaAffected : affectedShare;
            antegrade[e.Id] = venousBase with
            {
                T0 = venousBase.T0 + e.VenousDelayS + w * delay * 0.6,
                Beta = venousBase.Beta + 0.4 * e.VenousDelayS,
                Peak = venousBase.Peak * (1 - w + w * pf),
            };
        }
        return new FlowSolution
        {
            Antegrade = antegrade, Collateral = collateral, BlushNormal = blushNormal, BlushAffected = blushAffected,
            Ica = ica, VenousBase = venousBase with { Peak = 1 }, AffectedLeaves = affectedLeaves, CollateralArrivalS = arrival,
        };
    }

    /// <summary>Mean blood velocity (mm/s) for a lumen diameter (mm): ~50 cm/s at 3 mm and above down to ~8 cm/s at 0.5 mm (spec 2.4, small vessels tuned so cortical arteries peak 0.3–1 s after the ICA).</summary>
    public static double Velocity(double diameterMm)
    {
        ReadOnlySpan<double> d = stackalloc double[] { 0.3, 0.5, 1.0, 2.0, 3.0 };
        ReadOnlySpan<double> v = stackalloc double[] { 60, 80, 150, 250, 500 };
        if (diameterMm <= d[0]) return v[0];
        for (int i = 1; i < d.Length; i++)
            if (diameterMm <= d[i]) return v[i - 1] + (v[i] - v[i - 1]) * (diameterMm - d[i - 1]) / (d[i] - d[i - 1]);
        return v[^1];
    }

    /// <summary>Seconds from the catheter tip to the start of each edge; NaN for edges the injection does not reach.</summary>
    static double[] Transit(VesselTree tree, FlowParameters f)
    {
        int n = tree.Edges.Count;
        var transit = Enumerable.Repeat(double.NaN, n).ToArray();
        int catheter = f.CatheterInCca ? tree.First("CCA") : tree.First("ICA-cervical");
        transit[catheter] = 0;
        foreach (var e in tree.Edges)
        {
            if (e.Id == catheter || e.Parent < 0 || double.IsNaN(transit[e.Parent])) continue;
            var p = tree.Edges[e.Parent];
            transit[e.Id] = transit[e.Parent] + p.Length / (Velocity(2 * p.MeanRadius) * f.VelocityScale);
        }
        return transit;
    }

    static GammaCurve Arterial(GammaCurve ica, double tau)
    {
        double beta = ica.Beta + 0.3 * tau;
        return new GammaCurve(ica.T0 + tau, ica.Alpha, beta, ica.Peak * Math.Sqrt(ica.Beta / beta));
    }

    /// <summary>
    /// The stump fills when its neighbours fill (antegrade, peak × 0.7–1) but its blood then stagnates: a second, broad
    /// curve (β × the stagnation factor) keeps contrast in it into the capillary and venous phases (spec 2.5.2).
    /// Stored in the stump's collateral slot, which is otherwise unused for patent edges.
    /// </summary>
    static void ApplyStump(GammaCurve[] antegrade, GammaCurve[] collateral, Clot clot)
    {
        foreach (int e in clot.Stump)
        {
            var a = antegrade[e];
            antegrade[e] = a with { Peak = a.Peak * clot.Plan.StumpPeakFactor };
            collateral[e] = new GammaCurve(a.Ttp - 0.3 * a.Alpha * a.Beta, 2, a.Beta * clot.Plan.StumpStagnation, a.Peak * 0.45);
        }
    }

    /// <summary>Median transit to the ACA cortical leaves (MCA if none): the reference for the collateral delay.</summary>
    static double CorticalTransit(VesselTree tree, double[] transit)
    {
        var aca = tree.Edges.Where(e => e.IsLeaf && e.Segment == VesselSegment.AcaDistal && !double.IsNaN(transit[e.Id])).Select(e => transit[e.Id]).ToList();
        if (aca.Count == 0)
            aca = tree.Edges.Where(e => e.IsLeaf && e.Segment == VesselSegment.McaDistal && !double.IsNaN(transit[e.Id])).Select(e => transit[e.Id]).ToList();
        if (aca.Count == 0) return 1.0;
        aca.Sort();
        return aca[aca.Count / 2];
    }

    static void Collaterals(VesselTree tree, Clot clot, double[] transit, GammaCurve ica, double start, GammaCurve[] collateral, double[] arrival)
    {
        var plan = clot.Plan;
        if (plan.CollateralGrade == 0 || plan.CollateralPeakFraction <= 0) return;
        double[] dist = CollateralPaths.Distances(tree, clot);
        double max = 0;
        foreach (int e in clot.Blocked) if (dist[e] <= plan.CollateralReachMm && !double.IsInfinity(dist[e])) max = Math.Max(max, dist[e]);
        foreach (int e in clot.Blocked)
        {
            var edge = tree.Edges[e];
            if (double.IsInfinity(dist[e]) || dist[e] > plan.CollateralReachMm) continue;
            if (edge.Segment is VesselSegment.Lenticulostriate or VesselSegment.AnteriorChoroidal) continue; // end arteries
            var normal = Arterial(ica, double.IsNaN(transit[e]) ? 1.0 : transit[e]);
            double t0 = start + dist[e] / plan.RetrogradeSpeedMmPerS;
            double weaken = 1 - 0.35 * (max > 0 ? dist[e] / max : 0);
            collateral[e] = new GammaCurve(t0, normal.Alpha, normal.Beta * 1.6 + 0.3, normal.Peak * plan.CollateralPeakFraction * weaken);
            arrival[e] = t0;
        }
    }

    /// <summary>(share of the MCA cortical leaves that are blocked, share of all cortical leaves that are blocked).</summary>
    static (double mca, double all) AffectedShares(VesselTree tree, Clot clot)
    {
        int mca = 0, mcaBlocked = 0, all = 0, allBlocked = 0;
        foreach (var e in tree.Edges)
        {
            if (!e.IsLeaf || e.Segment is not (VesselSegment.McaDistal or VesselSegment.AcaDistal or VesselSegment.PcaDistal)) continue;
            bool b = clot.Blocked.Contains(e.Id);
            all++;
            if (b) allBlocked++;
            if (e.Segment == VesselSegment.McaDistal) { mca++; if (b) mcaBlocked++; }
        }
        return (mca > 0 ? (double)mcaBlocked / mca : 0, all > 0 ? (double)allBlocked / all : 0);
    }
}
