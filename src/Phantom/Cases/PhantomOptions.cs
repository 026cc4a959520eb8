using OccluNet.Live.Domain;

namespace OccluNet.Live.Phantom.Cases;

/// <summary>
/// What the caller fixes; everything left null is drawn from the seed. A small <see cref="FieldOfViewMm"/> (tests at
/// 64–128 px) centres the field on the terminus and MCA so the clot keeps several pixels (spec 1.3).
/// </summary>
public sealed record PhantomOptions
{
    public int Size { get; init; } = 256;
    public double? FieldOfViewMm { get; init; }
    public int? Frames { get; init; }
    public double? Fps { get; init; }
    public PhantomView? View { get; init; }
    public ClassMix ClassMix { get; init; } = ClassMix.Default;

    /// <summary>Force a positive of this class (ignores the mix).</summary>
    public OcclusionClass? Class { get; init; }

    /// <summary>Force a negative of this kind (ignores the mix).</summary>
    public NegativeKind? Negative { get; init; }

    public int? CollateralGrade { get; init; }
    public double? CollateralDelayS { get; init; }
    public ClotFace? Face { get; init; }
    public bool NoMotion { get; init; }
    /// <summary>8, 10 or 12; null: 10 in phantom 1, drawn per run in phantom 2 (8: 20%, 10: 40%, 12: 40%).</summary>
    public int? BitsStored { get; init; }

    /// <summary>1 (default; old seeds give old runs) or 2 (denser trees, devices, native runs, glare, perspective).</summary>
    public int PhantomVersion { get; init; } = 1;

    /// <summary>Phantom 2: true = every device that fits the case, false = none, null = drawn per run.</summary>
    public bool? Devices { get; init; }

    /// <summary>Phantom 2: true = native (unsubtracted) storage with a mask frame first, false = subtracted, null = drawn (25% native).</summary>
    public bool? Native { get; init; }

    /// <summary>Multiplies the detector dose (1 = sampled dose; larger = less noise).</summary>
    public double DoseScale { get; init; } = 1.0;

    public void Validate()
    {
        if (Size is < 32 or > 2048) throw new ArgumentException($"size {Size} is outside 32..2048 px");
        if (Frames is { } f && (f < 3 || f > 200)) throw new ArgumentException($"frames {f} is outside 3..200");
        if (Fps is { } r && (r < 0.5 || r > 30)) throw new ArgumentException($"fps {r} is outside 0.5..30");
        if (FieldOfViewMm is { } v && (v < 40 || v > 400)) throw new ArgumentException($"field of view {v} mm is outside 40..400");
        if (CollateralGrade is { } g && (g < 0 || g > 4)) throw new ArgumentException($"collateral grade {g} is outside 0..4");
        if (BitsStored is { } bits && bits is not (8 or 10 or 12)) throw new ArgumentException($"bits stored {bits} is not 8, 10 or 12");
        if (PhantomVersion is not (1 or 2)) throw new ArgumentException($"phantom version {PhantomVersion} is not 1 or 2");
        if (PhantomVersion == 1 && (Devices != null || Native != null)) throw new ArgumentException("devices and native runs need phantom version 2");
        if (Class != null && Negative != null) throw new ArgumentException("a run cannot be both a forced class and a forced negative");
    }
}
