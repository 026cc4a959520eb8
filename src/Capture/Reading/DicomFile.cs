using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Reading;

/// <summary>
/// A parsed DICOM file: Part 10 (preamble, "DICM", meta group) or a bare data set without them (ACR-NEMA style),
/// told apart by content. The whole file is held in memory (one array of its size); pixel data stays in it,
/// undecoded, until a frame is asked for.
/// </summary>
public sealed class DicomFile
{
    /// <summary>Files larger than this are refused (one .NET array holds the file).</summary>
    public const long MaxFileBytes = int.MaxValue - 64;

    public string FileName { get; }
    public bool HasFileMeta { get; }
    public DicomDataSet FileMeta { get; }
    public DicomDataSet DataSet { get; }
    public TransferSyntax TransferSyntax { get; }

    DicomFile(string fileName, bool hasFileMeta, DicomDataSet fileMeta, DicomDataSet dataSet, TransferSyntax transferSyntax)
    {
        FileName = fileName;
        HasFileMeta = hasFileMeta;
        FileMeta = fileMeta;
        DataSet = dataSet;
        TransferSyntax = transferSyntax;
    }

    /// <exception cref="DicomFileException">The file cannot be read or is not a DICOM file this reader supports.</exception>
    public static DicomFile Open(string path)
    {
        var name = Path.GetFileName(path);
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes) throw new DicomFileException(name, 0, null, $"file of {length} bytes is larger than the {MaxFileBytes} this reader holds");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DicomFileException(name, 0, null, $"cannot read the file: {e.Message}", e);
        }
        return Parse(bytes, name);
    }

    /// <summary>
    /// Whether the file starts like DICOM (a Part 10 meta group, or a first data element): a cheap probe that reads
    /// at most 256 bytes, for telling stray files from broken DICOM files. False when the file cannot be read.
    /// </summary>
    public static bool LooksLikeDicom(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var head = new byte[256];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return FileFormatDetector.LooksLikeDicom(head.AsSpan(0, read).ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <exception cref="DicomFileException">The bytes are not a DICOM file this reader supports.</exception>
    public static DicomFile Parse(byte[] bytes, string fileName) => DicomFileParser.Parse(bytes, fileName, (n, m, meta, d, ts) => new DicomFile(n, m, meta, d, ts));
}
