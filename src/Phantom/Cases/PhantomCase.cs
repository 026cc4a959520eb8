using OccluNet.Live.Phantom.Anatomy;

namespace OccluNet.Live.Phantom.Cases;

/// <summary>
/// Every sampled parameter of one run. With the seed and the generator version it regenerates the run exactly; it is
/// written whole into the ground-truth JSON ("parameters").
/// </summary>
public sealed record PhantomCase(
    ulong Seed,
    string GeneratorVersion,
    AnatomyParameters Anatomy,
    FlowParameters Flow,
    OcclusionPlan? Occlusion,
    NegativeKind? Negative,
    AcquisitionParameters Acquisition,
    ImageParameters Image,
    MotionParameters Motion)
{
    public const string Version = "phantom-1";
}
