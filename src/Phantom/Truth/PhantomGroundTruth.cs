using System.Text.Json.Serialization;
using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Phantom.Truth;

/// <summary>
/// The ground-truth JSON of one run (docs/ground-truth.md). <see cref="Truth"/> is exactly the evaluation contract
/// (<see cref="RunTruth"/>); everything else documents the case: seed and parameters, timing, phases, per-frame
/// visibility and conspicuity, collaterals, and the MinIP difficulty score.
/// </summary>
public sealed record PhantomGroundTruth
{
    public required RunTruth Truth { get; init; }
    public required string RunId { get; init; }
    public required ulong Seed { get; init; }
    public required string GeneratorVersion { get; init; }
    public required PhantomView View { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required int BitsStored { get; init; }
    public required double PixelSpacingMm { get; init; }
    public required string Category { get; init; }
    public OcclusionClass? Class { get; init; }
    public string? SubLocation { get; init; }
    public NegativeKind? Negative { get; init; }
    public ClotFace? ClotFace { get; init; }
    public double? ClotLengthMm { get; init; }
    public required double[] FrameTimesMs { get; init; }
    public required double[] FrameTimesFromInjectionS { get; init; }
    public required string[] Phases { get; init; }
    public required double NominalFps { get; init; }
    public required bool[] Visible { get; init; }

    /// <summary>Per frame: stump contrast at the clot face (d) over the subtracted noise σ; 0 for negatives.</summary>
    public required double[] Conspicuity { get; init; }

    public CollateralTruth? Collateral { get; init; }

    /// <summary>
    /// The MinIP difficulty score read by the evaluation ("minipDifficulty"): RMS difference of this run's MinIP from its
    /// no-occlusion twin's over the clot box and the occluded vessels, relative to the twin's MinIP signal there
    /// (0 = the MinIP looks normal, 1 = the occluded vessels are missing from it). Null for negatives.
    /// </summary>
    public double? MinipDifficulty { get; init; }

    /// <summary>The same RMS difference in units of the subtracted noise σ (the spec's form; depends on pixel size and dose).</summary>
    public double? MinipDifficultySigma { get; init; }

    /// <summary>MinIP difficulty (relative deficit) below which a case counts as timing-dependent (design value, docs/phantom.md); eval's and drill's default too.</summary>
    public const double TimingDependentThreshold = 0.45;

    /// <summary>True when <see cref="MinipDifficulty"/> is below <see cref="TimingDependentThreshold"/>: the MinIP barely shows the occlusion.</summary>
    public bool TimingDependent { get; init; }

    /// <summary>Phantom 2: devices present, the guide catheter's projected path and the marker centres; absent in phantom 1.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DeviceTruth? Devices { get; init; }

    /// <summary>Phantom 2 native runs: index of the mask frame (0); the frames after it are unsubtracted. Absent for subtracted runs.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaskFrame { get; init; }

    public required double NoiseSigmaD { get; init; }
    public required PhantomCase Parameters { get; init; }
}

/// <summary>Collateral ground truth: grade, delay, peak fraction, arrival of the retrograde front, and per frame the
/// fraction (by length) of the occluded vessels that is opacified (above 20% of its normal peak).</summary>
public sealed record CollateralTruth(
    int Grade,
    double DelayS,
    double PeakFraction,
    double RetrogradeSpeedMmPerS,
    double? FirstArrivalS,
    double? ProximalArrivalS,
    double[] FilledFraction);
