using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Pacs;

/// <summary>
/// The analysed image as the result objects reference it: its study, series and SOP instance, its size and window as
/// the instance is stored (a native run's, not the subtracted frames the pipeline saw),
/// and the patient and study attributes they repeat. A run whose file lacked a UID gets a new one (under the UID
/// root) and <see cref="Substitutions"/> says which, so the caller can log it.
/// </summary>
public sealed record RunImage(
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopClassUid,
    string SopInstanceUid,
    int NumberOfFrames,
    int Rows,
    int Columns,
    bool IsMonochrome1,
    double? WindowCenter,
    double? WindowWidth,
    IReadOnlyList<CopiedAttribute> PatientAndStudy,
    string SourceName,
    IReadOnlyList<string> Substitutions)
{
    /// <summary>The SOP class assumed when the file named none (the pipeline analyses angiography runs).</summary>
    public const string XRayAngiographicImageStorage = XaMultiFrameWriter.XRayAngiographicImageStorage;

    /// <param name="framesSeen">The frames the run had when the file does not say (e.g. a source that is not a file).</param>
    public static RunImage From(SeriesInfo series, int framesSeen, string uidRoot)
    {
        var substitutions = new List<string>();
        string Uid(string given, string name)
        {
            if (DicomUids.IsValid(given)) return given;
            string made = DicomUids.New(uidRoot);
            substitutions.Add(given.Length == 0 ? $"no {name}: new {made}" : $"{name} '{given}' is not a UID: new {made}");
            return made;
        }
        SourceInstance? instance = series.Instance;
        var (monochrome1, center, width) = instance?.StoredDisplay ?? (series.IsMonochrome1, series.WindowCenter, series.WindowWidth);
        return new RunImage(
            Uid(series.StudyInstanceUid, "StudyInstanceUID"),
            Uid(series.SeriesInstanceUid, "SeriesInstanceUID"),
            instance is { SopClassUid.Length: > 0 } ? Uid(instance.SopClassUid, "SOPClassUID") : XRayAngiographicImageStorage,
            Uid(instance?.SopInstanceUid ?? "", "SOPInstanceUID"),
            instance?.NumberOfFrames ?? framesSeen,
            series.Rows,
            series.Columns,
            monochrome1,
            center,
            width,
            instance?.PatientAndStudy ?? SourceInstance.CopiedTags.Select(t => new CopiedAttribute(t.Tag, t.VR, "")).ToArray(),
            series.SourceName,
            substitutions);
    }

    public bool IsMultiFrame => NumberOfFrames > 1;

    /// <summary>The copied Patient and General Study attributes (type 2: empty when the source had none).</summary>
    internal void CopyPatientAndStudy(DataSetToWrite d)
    {
        foreach (var a in PatientAndStudy) d.Text(a.Tag, a.VR, a.Value);
        d.Text(DicomTags.StudyInstanceUid, DicomVR.UI, StudyInstanceUid);
    }
}
