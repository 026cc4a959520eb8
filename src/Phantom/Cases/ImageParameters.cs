namespace OccluNet.Live.Phantom.Cases;

/// <summary>
/// Image formation (spec 3.1–3.5): effective iodine coefficient, detector dose, mask averaging, blur, stored bits and the
/// display mapping (background level and the level a saturated large artery lands on, both as fractions of full scale).
/// </summary>
public sealed record ImageParameters(
    double IodineCm2PerMg,
    double DosePerFrameUGy,
    double QuantaPerMm2PerUGy,
    double Dqe,
    int MaskAveraging,
    double PsfSigmaMm,
    int BitsStored,
    double BackgroundLevel,
    double VesselFloor,
    double DisplayGamma);
