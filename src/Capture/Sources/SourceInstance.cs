using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Sources;

/// <summary>
/// The DICOM instance a run was read from, and the patient and study attributes an object about it must repeat to be
/// filed beside it in a PACS (a presentation state or report with another Patient ID lands in another patient).
/// Those attributes are carried for that purpose only: <see cref="ToString"/> never prints them.
/// Empty UIDs mean the file had none (a stripped copy).
/// </summary>
public sealed record SourceInstance(string SopClassUid, string SopInstanceUid, int NumberOfFrames, IReadOnlyList<CopiedAttribute> PatientAndStudy)
{
    /// <summary>The Patient and General Study module attributes copied into derived objects (type 2: empty when absent).</summary>
    public static readonly IReadOnlyList<(DicomTag Tag, DicomVR VR)> CopiedTags =
    [
        (DicomTags.StudyDate, DicomVR.DA),
        (DicomTags.StudyTime, DicomVR.TM),
        (DicomTags.AccessionNumber, DicomVR.SH),
        (DicomTags.ReferringPhysicianName, DicomVR.PN),
        (DicomTags.PatientName, DicomVR.PN),
        (DicomTags.PatientId, DicomVR.LO),
        (DicomTags.PatientBirthDate, DicomVR.DA),
        (DicomTags.PatientSex, DicomVR.CS),
        (DicomTags.StudyId, DicomVR.SH),
    ];

    /// <summary>
    /// How the instance itself is shown (its photometric interpretation and window), which an object drawn on it must
    /// describe: the frames delivered may differ (a native run arrives subtracted, MONOCHROME2, without this window).
    /// Null: as the frames are (a source that read no data set).
    /// </summary>
    public (bool IsMonochrome1, double? WindowCenter, double? WindowWidth)? StoredDisplay { get; init; }

    public static SourceInstance From(DicomDataSet d, int numberOfFrames) => new(
        d.GetString(DicomTags.SopClassUid) ?? "",
        d.GetString(DicomTags.SopInstanceUid) ?? "",
        numberOfFrames,
        CopiedTags.Select(t => new CopiedAttribute(t.Tag, t.VR, d.GetString(t.Tag) ?? "")).ToArray());

    public override string ToString() => $"SOP instance {SopInstanceUid} ({NumberOfFrames} frames; patient and study attributes withheld)";
}

/// <summary>One attribute copied from the source (text, padding trimmed).</summary>
public sealed record CopiedAttribute(DicomTag Tag, DicomVR VR, string Value);
