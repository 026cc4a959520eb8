namespace OccluNet.Live.Phantom.Cases;

/// <summary>
/// Injection and circulation timing of one case (spec 2.1–2.4). Times in seconds from the first frame; the ICA
/// curve is a gamma variate whose width follows the injection duration (volume / rate).
/// </summary>
public sealed record FlowParameters(
    bool CatheterInCca,
    double InjectionStartS,
    double InjectionRateMlPerS,
    double InjectionVolumeMl,
    double PlateauMgPerMl,
    double IcaAlpha,
    double VelocityScale,
    double CapillaryDelayS,
    double CapillaryAlpha,
    double CapillaryBetaS,
    double BlushPeakD,
    double VenousDelayS,
    double VenousAlpha,
    double VenousBetaS,
    double VenousPeakFraction)
{
    public double InjectionDurationS => InjectionVolumeMl / InjectionRateMlPerS;
}
