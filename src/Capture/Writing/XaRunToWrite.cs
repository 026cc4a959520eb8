namespace OccluNet.Live.Capture.Writing;

/// <summary>
/// A multi-frame XA run to write as DICOM (explicit VR little endian, uncompressed, 16 bits allocated, unsigned,
/// MONOCHROME2 unless <see cref="IsMonochrome1"/>). Written by <c>XaMultiFrameWriter</c>; used by the phantom and the
/// recorder.
/// </summary>
public sealed record XaRunToWrite
{
    public required string StudyInstanceUid { get; init; }
    public required string SeriesInstanceUid { get; init; }
    public required string SopInstanceUid { get; init; }
    public required int Rows { get; init; }
    public required int Columns { get; init; }
    public int BitsStored { get; init; } = 12;
    public bool IsMonochrome1 { get; init; }

    /// <summary>Stored values, Rows x Columns each, row-major.</summary>
    public required IReadOnlyList<ushort[]> Frames { get; init; }

    /// <summary>
    /// Acquisition time of each frame from the start of the run, in milliseconds (first is 0). Equal spacing is written
    /// as Frame Time (0018,1063) and Cine Rate; unequal spacing as Frame Time Vector (0018,1065).
    /// </summary>
    public required IReadOnlyList<double> FrameTimesMs { get; init; }

    /// <summary>
    /// Native (unsubtracted) runs: the 1-based number of the mask frame. Written as Image Type ORIGINAL and a Mask
    /// Subtraction Sequence (AVG_SUB of that frame, applicable to the frames after it), as systems that store native
    /// runs do; null (the default) writes a subtracted (DERIVED) run.
    /// </summary>
    public int? MaskFrameNumber { get; init; }

    public double? PositionerPrimaryAngleDeg { get; init; }
    public double? PositionerSecondaryAngleDeg { get; init; }

    /// <summary>View Position (0018,5101) as the source gave it; null: not written.</summary>
    public string? ViewPosition { get; init; }
    public double? ImagerPixelSpacingMm { get; init; }
    public double? WindowCenter { get; init; }
    public double? WindowWidth { get; init; }
    public string SeriesDescription { get; init; } = "";
    public string Manufacturer { get; init; } = "OccluNet.Live";
    /// <summary>Fixed so that the same run written twice is byte-identical.</summary>
    public DateTime ContentDateTime { get; init; } = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Write Deflated Explicit VR Little Endian (1.2.840.10008.1.2.1.99) instead of plain explicit VR little endian:
    /// the data set after the file meta group is raw-deflated (RFC 1951). For shipped runs that must stay small.
    /// </summary>
    public bool Deflate { get; init; }
}
