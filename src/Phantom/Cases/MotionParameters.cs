namespace OccluNet.Live.Phantom.Cases;

/// <summary>Rigid head motion of live frames against the mask (spec 3.6): drift over the run, per-frame jitter, one
/// sudden step at <see cref="StepFrame"/> (−1 none) and an in-plane rotation drift.</summary>
public sealed record MotionParameters(
    double DriftMm,
    double DriftAngleDeg,
    double JitterMm,
    int StepFrame,
    double StepMm,
    double RotationDeg);
