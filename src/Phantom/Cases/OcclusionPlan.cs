using OccluNet.Live.Domain;

namespace OccluNet.Live.Phantom.Cases;

/// <summary>
/// The sampled occlusion of a positive case: class and finer location, where along the segment (0 proximal, 1 distal),
/// clot face and length, stump stagnation, and the collateral grade (ASITN/SIR 0–4) with its delay, peak fraction,
/// retrograde front speed, reach and the share of the territory's periphery that feeds it (spec 2.5.4).
/// </summary>
public sealed record OcclusionPlan(
    OcclusionClass Class,
    string SubLocation,
    double Position,
    ClotFace Face,
    double ClotLengthMm,
    double StumpStagnation,
    double StumpPeakFactor,
    int CollateralGrade,
    double CollateralDelayS,
    double CollateralPeakFraction,
    double RetrogradeSpeedMmPerS,
    double CollateralReachMm,
    double CollateralInletFraction,
    bool Tandem);
