namespace OccluNet.Live.Capture.Dicom;

/// <summary>
/// The one exception the reader and decoders throw for a file they cannot read: a malformed or truncated file, an
/// unsupported transfer syntax or pixel layout, a corrupt compressed frame, or a missing native codec library.
/// Carries the file name, the byte offset (in the file, or in the inflated data set of a deflated file), the tag
/// being read when known, and the reason.
/// </summary>
public sealed class DicomFileException : Exception
{
    public string FileName { get; }
    public long Offset { get; }
    public DicomTag? Tag { get; }
    public string Reason { get; }

    public DicomFileException(string fileName, long offset, DicomTag? tag, string reason, Exception? inner = null)
        : base(Describe(fileName, offset, tag, reason), inner)
    {
        FileName = fileName;
        Offset = offset;
        Tag = tag;
        Reason = reason;
    }

    static string Describe(string fileName, long offset, DicomTag? tag, string reason) =>
        tag is { } t ? $"{fileName}: byte {offset}, tag {t}: {reason}" : $"{fileName}: byte {offset}: {reason}";
}
