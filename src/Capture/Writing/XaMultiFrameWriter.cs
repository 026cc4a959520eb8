using System.Globalization;
using System.IO.Compression;
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

    /// <summary>This writer's implementation class UID (a fixed UUID-derived 2.25 UID) and version name.</summary>
    public const string ImplementationClassUid = "2.25.131880470289617306158212385573061592211";
    public const string ImplementationVersionName = "OCCLUNET_LIVE_1";

    public static void Write(string path, XaRunToWrite run)
    {
        XaRunValidation.Check(run);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        WriteValidated(file, run);
    }

    public static void Write(Stream stream, XaRunToWrite run)
    {
        XaRunValidation.Check(run);
        WriteValidated(stream, run);
    }

    static void WriteValidated(Stream stream, XaRunToWrite run)
    {
        var transferSyntax = run.Deflate ? TransferSyntax.DeflatedExplicitVRLittleEndian : TransferSyntax.ExplicitVRLittleEndian;
        stream.Write(new byte[128]);
        stream.Write("DICM"u8);
        WriteFileMeta(stream, run, transferSyntax.Uid);
        if (!run.Deflate)
        {
            WriteDataSet(new ExplicitVRLittleEndianWriter(stream), run);
            return;
        }
        using var deflate = new DeflateStream(stream, CompressionLevel.Optimal, leaveOpen: true);
        using (var buffered = new BufferedStream(deflate, 1 << 16))
        {
            WriteDataSet(new ExplicitVRLittleEndianWriter(buffered), run);
        }
    }

    static void WriteFileMeta(Stream stream, XaRunToWrite run, string transferSyntaxUid)
    {
        // Group 0002 starts with its own length, so it is written to memory first.
        using var meta = new MemoryStream();
        var writer = new ExplicitVRLittleEndianWriter(meta);
        writer.WriteBytes(DicomTags.FileMetaVersion, DicomVR.OB, [0, 1]);
        writer.WriteString(DicomTags.MediaStorageSopClassUid, DicomVR.UI, XRayAngiographicImageStorage);
        writer.WriteString(DicomTags.MediaStorageSopInstanceUid, DicomVR.UI, run.SopInstanceUid);
        writer.WriteString(DicomTags.TransferSyntaxUid, DicomVR.UI, transferSyntaxUid);
        writer.WriteString(DicomTags.ImplementationClassUid, DicomVR.UI, ImplementationClassUid);
        writer.WriteString(DicomTags.ImplementationVersionName, DicomVR.SH, ImplementationVersionName);
        new ExplicitVRLittleEndianWriter(stream).WriteUInt32(DicomTags.FileMetaGroupLength, (uint)meta.Length);
        meta.Position = 0;
        meta.CopyTo(stream);
    }

    /// <summary>Elements in ascending tag order, as Part 5 requires.</summary>
    static void WriteDataSet(ExplicitVRLittleEndianWriter w, XaRunToWrite run)
    {
        WriteGeneralElements(w, run);
        WriteAcquisitionElements(w, run);
        WriteRelationshipElements(w, run);
        WritePixelModule(w, run);
    }

    static void WriteGeneralElements(ExplicitVRLittleEndianWriter w, XaRunToWrite run)
    {
        var date = run.ContentDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var time = run.ContentDateTime.ToString("HHmmss.ffffff", CultureInfo.InvariantCulture);
        w.WriteString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 100");
        w.WriteString(DicomTags.ImageType, DicomVR.CS, @"DERIVED\PRIMARY\SINGLE PLANE");
        w.WriteString(DicomTags.SopClassUid, DicomVR.UI, XRayAngiographicImageStorage);
        w.WriteString(DicomTags.SopInstanceUid, DicomVR.UI, run.SopInstanceUid);
        w.WriteString(DicomTags.StudyDate, DicomVR.DA, date);
        w.WriteString(DicomTags.ContentDate, DicomVR.DA, date);
        w.WriteString(DicomTags.StudyTime, DicomVR.TM, time);
        w.WriteString(DicomTags.ContentTime, DicomVR.TM, time);
        w.WriteString(DicomTags.AccessionNumber, DicomVR.SH, "");
        w.WriteString(DicomTags.Modality, DicomVR.CS, "XA");
        w.WriteString(DicomTags.Manufacturer, DicomVR.LO, run.Manufacturer);
        w.WriteString(DicomTags.ReferringPhysicianName, DicomVR.PN, "");
        w.WriteString(DicomTags.SeriesDescription, DicomVR.LO, run.SeriesDescription);
        w.WriteString(DicomTags.PatientName, DicomVR.PN, "");
        w.WriteString(DicomTags.PatientId, DicomVR.LO, "");
        w.WriteString(DicomTags.PatientBirthDate, DicomVR.DA, "");
        w.WriteString(DicomTags.PatientSex, DicomVR.CS, "");
    }

    static void WriteAcquisitionElements(ExplicitVRLittleEndianWriter w, XaRunToWrite run)
    {
        var timing = XaRunTiming.From(run.FrameTimesMs);
        if (timing.FrameTimeMs is { } frameTime)
            w.WriteString(DicomTags.CineRate, DicomVR.IS, Math.Max(1, (int)Math.Round(1000.0 / frameTime)).ToString(CultureInfo.InvariantCulture));
        w.WriteString(DicomTags.Kvp, DicomVR.DS, "");
        if (timing.FrameTimeMs is { } equalTime)
            w.WriteString(DicomTags.FrameTime, DicomVR.DS, DicomDecimalString.Format(equalTime));
        else
            w.WriteString(DicomTags.FrameTimeVector, DicomVR.DS, DicomDecimalString.Join(timing.Increments));
        w.WriteString(DicomTags.RadiationSetting, DicomVR.CS, "GR");
        if (run.ImagerPixelSpacingMm is { } spacing)
            w.WriteString(DicomTags.ImagerPixelSpacing, DicomVR.DS, DicomDecimalString.Join([spacing, spacing]));
        if (run.PositionerPrimaryAngleDeg is { } primary)
            w.WriteString(DicomTags.PositionerPrimaryAngle, DicomVR.DS, DicomDecimalString.Format(primary));
        if (run.PositionerSecondaryAngleDeg is { } secondary)
            w.WriteString(DicomTags.PositionerSecondaryAngle, DicomVR.DS, DicomDecimalString.Format(secondary));
    }

    static void WriteRelationshipElements(ExplicitVRLittleEndianWriter w, XaRunToWrite run)
    {
        w.WriteString(DicomTags.StudyInstanceUid, DicomVR.UI, run.StudyInstanceUid);
        w.WriteString(DicomTags.SeriesInstanceUid, DicomVR.UI, run.SeriesInstanceUid);
        w.WriteString(DicomTags.StudyId, DicomVR.SH, "");
        w.WriteString(DicomTags.SeriesNumber, DicomVR.IS, "1");
        w.WriteString(DicomTags.InstanceNumber, DicomVR.IS, "1");
        w.WriteString(DicomTags.PatientOrientation, DicomVR.CS, "");
    }

    static void WritePixelModule(ExplicitVRLittleEndianWriter w, XaRunToWrite run)
    {
        var timing = XaRunTiming.From(run.FrameTimesMs);
        w.WriteUInt16(DicomTags.SamplesPerPixel, 1);
        w.WriteString(DicomTags.PhotometricInterpretation, DicomVR.CS, run.IsMonochrome1 ? "MONOCHROME1" : "MONOCHROME2");
        w.WriteString(DicomTags.NumberOfFrames, DicomVR.IS, run.Frames.Count.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeTag(DicomTags.FrameIncrementPointer, timing.FrameTimeMs is null ? DicomTags.FrameTimeVector : DicomTags.FrameTime);
        w.WriteUInt16(DicomTags.Rows, (ushort)run.Rows);
        w.WriteUInt16(DicomTags.Columns, (ushort)run.Columns);
        w.WriteUInt16(DicomTags.BitsAllocated, 16);
        w.WriteUInt16(DicomTags.BitsStored, (ushort)run.BitsStored);
        w.WriteUInt16(DicomTags.HighBit, (ushort)(run.BitsStored - 1));
        w.WriteUInt16(DicomTags.PixelRepresentation, 0);
        w.WriteString(DicomTags.PixelIntensityRelationship, DicomVR.CS, "LIN");
        if (run.WindowCenter is { } center && run.WindowWidth is { } width)
        {
            w.WriteString(DicomTags.WindowCenter, DicomVR.DS, DicomDecimalString.Format(center));
            w.WriteString(DicomTags.WindowWidth, DicomVR.DS, DicomDecimalString.Format(width));
        }
        w.WriteString(DicomTags.LossyImageCompression, DicomVR.CS, "00");
        w.WriteWords(DicomTags.PixelData, run.Frames, 2L * run.Rows * run.Columns * run.Frames.Count);
    }
}
