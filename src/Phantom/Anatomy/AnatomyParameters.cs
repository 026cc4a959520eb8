namespace OccluNet.Live.Phantom.Anatomy;

/// <summary>Sampled anatomy of one case (spec 5.2 "Anatomy"); everything the tree builder draws besides its own stream.</summary>
public sealed record AnatomyParameters(
    double HeadScale,
    double DiameterScale,
    double MurrayExponent,
    double M1LengthMm,
    int McaTrunks,
    bool EarlyBifurcation,
    bool A1Hypoplasia,
    bool FetalPcoa,
    bool EarlyTemporalBranch,
    int Lenticulostriates,
    double LeafRadiusMm,
    bool ContralateralTransverseHypoplasia,
    int CorticalVeins);
