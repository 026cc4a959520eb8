namespace OccluNet.Live.Capture.Dicom;

/// <summary>
/// One data element as found in the file. Values are slices of the file's bytes in the data set's byte order (no
/// copy). A sequence holds its items; encapsulated pixel data holds its fragments.
/// </summary>
public sealed class DicomElement
{
    public required DicomTag Tag { get; init; }
    public required DicomVR VR { get; init; }

    /// <summary>Offset of the element's header in the (possibly inflated) byte buffer.</summary>
    public required long Offset { get; init; }

    /// <summary>Value bytes actually present (shorter than <see cref="DeclaredLength"/> when the file is cut).</summary>
    public ReadOnlyMemory<byte> Value { get; init; }

    /// <summary>Offset of the first value byte.</summary>
    public long ValueOffset { get; init; }

    /// <summary>The length the header declared; uint.MaxValue for undefined length.</summary>
    public uint DeclaredLength { get; init; }

    public IReadOnlyList<DicomDataSet> Items { get; init; } = [];

    /// <summary>Encapsulated pixel data: item 0 is the Basic Offset Table, the rest are fragments; null if native.</summary>
    public IReadOnlyList<DicomFragment>? Fragments { get; init; }

    public bool IsTruncated => DeclaredLength != uint.MaxValue && Value.Length < DeclaredLength;
}

/// <summary>One item of encapsulated pixel data; <see cref="DeclaredLength"/> exceeds the data when the file is cut.</summary>
public sealed record DicomFragment(long Offset, ReadOnlyMemory<byte> Data, uint DeclaredLength)
{
    public bool IsTruncated => Data.Length < DeclaredLength;
}
