namespace OccluNet.Live.Phantom.Anatomy;

/// <summary>Named parts of the vessel tree (ground truth labels and the anchors of occlusion placement).</summary>
internal enum VesselSegment
{
    CommonCarotid,
    ExternalCarotid,
    IcaCervical,
    IcaPetrous,
    IcaCavernous,
    IcaSupraclinoid,
    Ophthalmic,
    PosteriorCommunicating,
    AnteriorChoroidal,
    M1,
    Lenticulostriate,
    M2,
    McaDistal,
    A1,
    A2,
    AcaDistal,
    PcaDistal,
    CorticalVein,
    DeepVein,
    Sinus,
}

/// <summary>Which perfusion territory an artery feeds or a vein drains.</summary>
internal enum Territory
{
    None,
    Mca,
    Aca,
    Pca,
    Eca,
}

/// <summary>Artery (fills from the catheter), vein (fills after the capillary phase).</summary>
internal enum VesselKind
{
    Artery,
    Vein,
}
