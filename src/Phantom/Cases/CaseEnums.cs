namespace OccluNet.Live.Phantom.Cases;

/// <summary>Projection of a run: frontal (AP) or lateral (spec 1.2); one 3D tree gives both, so biplane runs agree.</summary>
public enum PhantomView
{
    Ap,
    Lateral,
}

/// <summary>Angiographic appearance of the proximal clot face (spec 2.5.1).</summary>
public enum ClotFace
{
    CutOff,
    Meniscus,
    Claw,
    Tapered,
    TramTrack,
}

/// <summary>What a negative run is (spec 5.3): normal, or one of the confounders that mimic an occlusion.</summary>
public enum NegativeKind
{
    Normal,
    SlowFlow,
    A1Hypoplasia,
    HeavyMotion,
    Truncated,
    LowDose,
}
