using System.Globalization;
using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Writing;

/// <summary>
/// Writes an <see cref="XaRunToWrite"/> as a DICOM Part 10 multi-frame X-Ray Angiographic Image: explicit VR little
/// endian (or deflated explicit VR little endian when <see cref="XaRunToWrite.Deflate"/>), 16 bits allocated,
/// unsigned. The output depends only on the record, so the same run written twice is byte-identical.
/// </summary>
public static class XaMultiFrameWriter
{
    public const string XRayAngiographicImageStorage = "1.2.840.10008.5.1.4.1.1.12.1";

    public static void Write(string path, XaRunToWrite run)
    {
        XaRunValidation.Check(run);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Part10File.Write(file, XRayAngiographicImageStorage, run.SopInstanceUid, DataSet(run), run.Deflate);
    }

    public static void Write(Stream stream, XaRunToWrite run)
    {
        XaRunValidation.Check(run);
        Part10File.Write(stream, XRayAngiographicImageStorage, run.SopInstanceUid, DataSet(run), run.Deflate);
    }

    static DataSetToWrite DataSet(XaRunToWrite run)
    {
        var d = new DataSetToWrite();
        AddGeneralElements(d, run);
        AddAcquisitionElements(d, run);
        AddRelationshipElements(d, run);
        AddPixelModule(d, run);
        return d;
    }

    static void AddGeneralElements(DataSetToWrite d, XaRunToWrite run)
    {
        var date = run.ContentDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = run.ContentDateTime.ToString("HHmmss.ffffff", CultureInfo.InvariantCulture);
        d.Text(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100")
            .Text(DicomTags.ImageType, DicomVR.CS, run.MaskFrameNumber == null ? @"DERIVED\PRIMARY\SINGLE PLANE" : @"ORIGINAL\PRIMARY\SINGLE PLANE")
            .Text(DicomTags.SopClassUid, DicomVR.UI, XRayAngiographicImageStorage)
            .Text(DicomTags.SopInstanceUid, DicomVR.UI, run.SopInstanceUid)
            .Text(DicomTags.StudyDate, DicomVR.DA, date)
            .Text(DicomTags.ContentDate, DicomVR.DA, date)
            .Text(DicomTags.StudyTime, DicomVR.TM, time)
            .Text(DicomTags.ContentTime, DicomVR.TM, time)
            .Text(DicomTags.AccessionNumber, DicomVR.SH, "")
            .Text(DicomTags.Modality, DicomVR.CS, "XA")
            .Text(DicomTags.Manufacturer, DicomVR.LO, run.Manufacturer)
            .Text(DicomTags.ReferringPhysicianName, DicomVR.PN, "")
            .Text(DicomTags.SeriesDescription, DicomVR.LO, run.SeriesDescription)
            .Text(DicomTags.PatientName, DicomVR.PN, "")
            .Text(DicomTags.PatientId, DicomVR.LO, "")
            .Text(DicomTags.PatientBirthDate, DicomVR.DA, "")
            .Text(DicomTags.PatientSex, DicomVR.CS, "");
    }

    static void AddAcquisitionElements(DataSetToWrite d, XaRunToWrite run)
    {
        var timing = XaRunTiming.From(run.FrameTimesMs);
        if (timing.FrameTimeMs is { } frameTime)
            d.Integers(DicomTags.CineRate, Math.Max(1, (int)Math.Round(1000.0 / frameTime)));
        d.Text(DicomTags.Kvp, DicomVR.DS, "");
        if (timing.FrameTimeMs is { } equalTime)
            d.Decimals(DicomTags.FrameTime, equalTime);
        else
            d.Decimals(DicomTags.FrameTimeVector, timing.Increments.ToArray());
        // Type 2C, present and empty: the exposure (or its µs/µA variants), and whether the C-arm moved, are not known
        // to the writer (the frames as received carry neither); dciodvfy requires them for a multi-frame XA image.
        d.Text(DicomTags.ExposureTime, DicomVR.IS, "")
            .Text(DicomTags.XRayTubeCurrent, DicomVR.IS, "")
            .Text(DicomTags.Exposure, DicomVR.IS, "")
            .Text(DicomTags.PositionerMotion, DicomVR.CS, "");
        d.Text(DicomTags.RadiationSetting, DicomVR.CS, "GR");
        if (run.ImagerPixelSpacingMm is { } spacing) d.Decimals(DicomTags.ImagerPixelSpacing, spacing, spacing);
        if (run.PositionerPrimaryAngleDeg is { } primary) d.Decimals(DicomTags.PositionerPrimaryAngle, primary);
        if (run.PositionerSecondaryAngleDeg is { } secondary) d.Decimals(DicomTags.PositionerSecondaryAngle, secondary);
        if (run.ViewPosition is { } view) d.Text(DicomTags.ViewPosition, DicomVR.CS, view);
    }

    static void AddRelationshipElements(DataSetToWrite d, XaRunToWrite run) =>
        d.Text(DicomTags.StudyInstanceUid, DicomVR.UI, run.StudyInstanceUid)
            .Text(DicomTags.SeriesInstanceUid, DicomVR.UI, run.SeriesInstanceUid)
            .Text(DicomTags.StudyId, DicomVR.SH, "")
            .Integers(DicomTags.SeriesNumber, 1)
            .Integers(DicomTags.InstanceNumber, 1)
            .Text(DicomTags.PatientOrientation, DicomVR.CS, "")
            .Text(DicomTags.Laterality, DicomVR.CS, ""); // Type 2C (paired body part, no image laterality): unknown here

    static void AddPixelModule(DataSetToWrite d, XaRunToWrite run)
    {
        var timing = XaRunTiming.From(run.FrameTimesMs);
        d.UInt16(DicomTags.SamplesPerPixel, 1)
            .Text(DicomTags.PhotometricInterpretation, DicomVR.CS, run.IsMonochrome1 ? "MONOCHROME1" : "MONOCHROME2")
            .Integers(DicomTags.NumberOfFrames, run.Frames.Count)
            .AttributeTag(DicomTags.FrameIncrementPointer, timing.FrameTimeMs is null ? DicomTags.FrameTimeVector : DicomTags.FrameTime)
            .UInt16(DicomTags.Rows, (ushort)run.Rows)
            .UInt16(DicomTags.Columns, (ushort)run.Columns)
            .UInt16(DicomTags.BitsAllocated, 16)
            .UInt16(DicomTags.BitsStored, (ushort)run.BitsStored)
            .UInt16(DicomTags.HighBit, (ushort)(run.BitsStored - 1))
            .UInt16(DicomTags.PixelRepresentation, 0)
            .Text(DicomTags.PixelIntensityRelationship, DicomVR.CS, run.MaskFrameNumber == null ? "LIN" : "LOG"); // native frames are stored linear in log intensity
        if (run.MaskFrameNumber is { } mask)
            d.Sequence(DicomTags.MaskSubtractionSequence, new DataSetToWrite()
                .Text(DicomTags.MaskOperation, DicomVR.CS, "AVG_SUB")
                .UInt16(DicomTags.ApplicableFrameRange, (ushort)(mask + 1), (ushort)run.Frames.Count)
                .UInt16(DicomTags.MaskFrameNumbers, (ushort)mask));
        if (run.WindowCenter is { } center && run.WindowWidth is { } width)
            d.Decimals(DicomTags.WindowCenter, center).Decimals(DicomTags.WindowWidth, width);
        d.Text(DicomTags.LossyImageCompression, DicomVR.CS, "00")
            .Words(DicomTags.PixelData, run.Frames);
    }
}
