using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Imaging;

/// <summary>The Image Pixel module of a data set, checked: what one frame looks like in memory.</summary>
public sealed record PixelDescription(
    int Rows,
    int Columns,
    int SamplesPerPixel,
    int BitsAllocated,
    int BitsStored,
    int HighBit,
    bool IsSigned,
    string Photometric,
    bool IsPlanar,
    int NumberOfFrames)
{
    /// <summary>Samples in one frame (rows x columns x samples per pixel).</summary>
    public long SamplesPerFrame => (long)Rows * Columns * SamplesPerPixel;

    /// <summary>Bytes one native (uncompressed) frame occupies.</summary>
    public long NativeFrameBytes => SamplesPerFrame * (BitsAllocated / 8);

    public bool IsMonochrome1 => Photometric == "MONOCHROME1";

    public bool IsGrayscale => SamplesPerPixel == 1;

    /// <exception cref="DicomFileException">The module is missing or describes a layout this reader does not support.</exception>
    public static PixelDescription From(DicomDataSet dataSet, string fileName, DicomElement pixelData)
    {
        var at = pixelData.Offset;
        ushort Required(DicomTag tag, string name) =>
            dataSet.GetUInt16(tag) ?? throw new DicomFileException(fileName, at, tag, $"{name} is missing");
        var rows = Required(DicomTags.Rows, "Rows");
        var columns = Required(DicomTags.Columns, "Columns");
        var samples = dataSet.GetUInt16(DicomTags.SamplesPerPixel) ?? 1;
        var allocated = Required(DicomTags.BitsAllocated, "Bits Allocated");
        var stored = dataSet.GetUInt16(DicomTags.BitsStored) ?? allocated;
        var highBit = dataSet.GetUInt16(DicomTags.HighBit) ?? (ushort)(stored - 1);
        var signed = (dataSet.GetUInt16(DicomTags.PixelRepresentation) ?? 0) == 1;
        var photometric = dataSet.GetString(DicomTags.PhotometricInterpretation) ?? (samples == 1 ? "MONOCHROME2" : "RGB");
        var planar = samples > 1 && (dataSet.GetUInt16(DicomTags.PlanarConfiguration) ?? 0) == 1;
        var frames = dataSet.GetInteger(DicomTags.NumberOfFrames) ?? 1;
        if (rows == 0 || columns == 0) throw new DicomFileException(fileName, at, DicomTags.Rows, $"image size {rows}x{columns} is empty");
        if (allocated is not (8 or 16)) throw new DicomFileException(fileName, at, DicomTags.BitsAllocated, $"Bits Allocated {allocated} is not supported (8 or 16)");
        if (stored < 1 || stored > allocated) throw new DicomFileException(fileName, at, DicomTags.BitsStored, $"Bits Stored {stored} is not in 1..{allocated}");
        if (highBit < stored - 1 || highBit >= allocated) throw new DicomFileException(fileName, at, DicomTags.HighBit, $"High Bit {highBit} does not fit Bits Stored {stored} in Bits Allocated {allocated}");
        if (samples is not (1 or 3)) throw new DicomFileException(fileName, at, DicomTags.SamplesPerPixel, $"Samples per Pixel {samples} is not supported (1 or 3)");
        if (samples == 1 && photometric is not ("MONOCHROME1" or "MONOCHROME2"))
            throw new DicomFileException(fileName, at, DicomTags.PhotometricInterpretation, $"photometric interpretation {photometric} is not supported for one sample per pixel");
        if (frames < 1) throw new DicomFileException(fileName, at, DicomTags.NumberOfFrames, $"Number of Frames {frames} is not a positive number");
        return new PixelDescription(rows, columns, samples, allocated, stored, highBit, signed, photometric, planar, frames);
    }
}
