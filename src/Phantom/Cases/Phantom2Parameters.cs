namespace OccluNet.Live.Phantom.Cases;

/// <summary>
/// What phantom 2 adds to a case (docs/phantom.md "Phantom 2"), drawn from its own stream so phantom-1 parameters of the
/// same seed stay as they were: denser cortical branching, devices, native storage with a mask frame, scatter and
/// veiling glare, and perspective projection. Null in a phantom-1 case.
/// </summary>
public sealed record Phantom2Parameters(
    double SideBranchChance,
    double BranchLengthScale,
    DeviceParameters Devices,
    bool Native,
    double ScatterFraction,
    double GlareSigmaMm);
