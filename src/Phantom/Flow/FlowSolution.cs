namespace OccluNet.Live.Phantom.Flow;

/// <summary>
/// Contrast over time for every edge of a case: an antegrade curve and a collateral (retrograde) curve per edge, plus
/// the parenchymal blush of the normally perfused and of the affected territory, and reference curves for phases.
/// </summary>
internal sealed class FlowSolution
{
    public required GammaCurve[] Antegrade { get; init; }
    public required GammaCurve[] Collateral { get; init; }
    public required GammaCurve BlushNormal { get; init; }
    public required GammaCurve BlushAffected { get; init; }
    public required GammaCurve Ica { get; init; }
    public required GammaCurve VenousBase { get; init; }

    /// <summary>Edges (leaves) whose territory is the affected blush (empty without an occlusion).</summary>
    public required IReadOnlySet<int> AffectedLeaves { get; init; }

    /// <summary>Collateral arrival time (s) at each edge, NaN where collaterals never arrive.</summary>
    public required double[] CollateralArrivalS { get; init; }

    public double Concentration(int edge, double t) => Antegrade[edge].At(t) + Collateral[edge].At(t);

    /// <summary>Phase of a time (spec 2.3), from the normal-circulation reference curves.</summary>
    public string PhaseAt(double t) =>
        t < Ica.RiseTime(0.1) ? "non-contrast"
        : t < BlushNormal.RiseTime(0.5) ? "arterial"
        : t < VenousBase.RiseTime(0.5) ? "capillary"
        : "venous";
}
