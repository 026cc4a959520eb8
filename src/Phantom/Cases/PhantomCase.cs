using System.Text.Json.Serialization;
using OccluNet.Live.Phantom.Anatomy;

namespace OccluNet.Live.Phantom.Cases;

/// <summary>
/// Every sampled parameter of one run. With the seed and the generator version (phantom-1 or phantom-2) it regenerates the run exactly; it is
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
    MotionParameters Motion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Phantom2Parameters? Phantom2 = null)
{
    public const string Version = "phantom-1";
    public const string Version2 = "phantom-2";

    /// <summary>1 or 2: which phantom drew this case (phantom-1 cases have no <see cref="Phantom2"/> part).</summary>
    [JsonIgnore]
    public int PhantomVersion => Phantom2 == null ? 1 : 2;

    /// <summary>
    /// The same case without its occlusion: anatomy, flow, acquisition, image, motion and devices unchanged (a stent
    /// retriever needs a clot, so it goes too). The MinIP difficulty compares a run with it; training can learn from the pair.
    /// A case without an occlusion is its own twin.
    /// </summary>
    public PhantomCase WithoutOcclusion() => Occlusion == null ? this : this with { Occlusion = null, Negative = NegativeKind.Normal };
}
