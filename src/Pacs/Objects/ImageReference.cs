using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Pacs.Objects;

/// <summary>How both objects point at the analysed image: SOP class and instance, and 1-based frame numbers.</summary>
internal static class ImageReference
{
    /// <summary>An item of a Referenced Image/SOP Sequence; frames (0-based) only for a multi-frame image, all frames when empty.</summary>
    public static DataSetToWrite Item(RunImage image, IReadOnlyCollection<int> frames)
    {
        var item = new DataSetToWrite()
            .Text(ResultTags.ReferencedSopClassUid, DicomVR.UI, image.SopClassUid)
            .Text(ResultTags.ReferencedSopInstanceUid, DicomVR.UI, image.SopInstanceUid);
        if (image.IsMultiFrame && frames.Count > 0) item.Integers(ResultTags.ReferencedFrameNumber, frames.Select(f => f + 1).ToArray());
        return item;
    }

    /// <summary>Date (DA) and time (TM) of a moment, in local time as DICOM dates are read.</summary>
    public static (string Date, string Time) DateAndTime(DateTimeOffset at)
    {
        var local = at.ToLocalTime();
        return (local.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            local.ToString("HHmmss.ffffff", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>SOP Common, General Series and General Equipment parts both objects share.</summary>
    public static void AddCommon(DataSetToWrite d, RunResult result, string sopClassUid, string sopInstanceUid, string seriesUid, string modality, string seriesDescription)
    {
        var (date, time) = DateAndTime(result.Created);
        result.Image.CopyPatientAndStudy(d);
        d.Text(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192") // UTF-8: the headline has an em dash
            .Text(ResultTags.InstanceCreationDate, DicomVR.DA, date)
            .Text(ResultTags.InstanceCreationTime, DicomVR.TM, time)
            .Text(DicomTags.SopClassUid, DicomVR.UI, sopClassUid)
            .Text(DicomTags.SopInstanceUid, DicomVR.UI, sopInstanceUid)
            .Text(ResultTags.SeriesDate, DicomVR.DA, date)
            .Text(ResultTags.SeriesTime, DicomVR.TM, time)
            .Text(DicomTags.Modality, DicomVR.CS, modality)
            .Text(DicomTags.Manufacturer, DicomVR.LO, "OccluNet.Live")
            .Text(DicomTags.SeriesDescription, DicomVR.LO, seriesDescription)
            .Text(ResultTags.ManufacturerModelName, DicomVR.LO, "OccluNet.Live (research software)")
            .Text(ResultTags.SoftwareVersions, DicomVR.LO, result.Model.SoftwareVersion)
            .Text(DicomTags.SeriesInstanceUid, DicomVR.UI, seriesUid)
            .Integers(DicomTags.SeriesNumber, modality == "PR" ? 9101 : 9102)
            .Integers(DicomTags.InstanceNumber, 1);
    }
}
