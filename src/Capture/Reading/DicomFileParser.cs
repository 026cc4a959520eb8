using System.IO.Compression;
using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Reading;

/// <summary>Finds the file meta group (if any), the transfer syntax and the data set.</summary>
internal static class DicomFileParser
{
    /// <summary>An inflated data set larger than this is refused (a deflate bomb must not exhaust memory).</summary>
    public const int MaxInflatedBytes = 1 << 30;

    internal delegate DicomFile Factory(string fileName, bool hasMeta, DicomDataSet meta, DicomDataSet dataSet, TransferSyntax syntax);

    public static DicomFile Parse(byte[] bytes, string fileName, Factory create)
    {
        if (bytes.Length < 8) throw new DicomFileException(fileName, 0, null, $"only {bytes.Length} bytes: not a DICOM file");
        var metaStart = FileFormatDetector.FindFileMeta(bytes);
        if (metaStart is not { } start)
        {
            var guess = FileFormatDetector.GuessBareDataSet(bytes, fileName);
            var bare = new DataSetParser(bytes, fileName, guess.IsExplicitVR, guess.IsBigEndian).ParseAll(0);
            return create(fileName, false, new DicomDataSet(false), bare, guess);
        }
        var (meta, dataStart) = ParseMeta(bytes, start, fileName);
        var uid = meta.GetString(DicomTags.TransferSyntaxUid)
            ?? throw new DicomFileException(fileName, start, DicomTags.TransferSyntaxUid, "file meta group has no Transfer Syntax UID");
        var syntax = TransferSyntax.Find(uid)
            ?? throw new DicomFileException(fileName, start, DicomTags.TransferSyntaxUid, $"transfer syntax {uid} is not supported");
        var dataSet = syntax.IsDeflated
            ? new DataSetParser(Inflate(bytes, dataStart, fileName), fileName + " (inflated data set)", true, false).ParseAll(0)
            : new DataSetParser(bytes, fileName, syntax.IsExplicitVR, syntax.IsBigEndian).ParseAll(dataStart);
        return create(fileName, true, meta, dataSet, syntax);
    }

    /// <summary>The meta group is always explicit VR little endian; it ends where group 0002 ends.</summary>
    static (DicomDataSet Meta, int DataStart) ParseMeta(byte[] bytes, int start, string fileName)
    {
        var end = FileFormatDetector.EndOfGroup2(bytes, start);
        var meta = new DataSetParser(bytes.AsMemory(0, end), fileName, explicitVR: true, bigEndian: false).ParseAll(start);
        return (meta, end);
    }

    static byte[] Inflate(byte[] bytes, int start, string fileName)
    {
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(bytes, start, bytes.Length - start), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[1 << 16];
            int read;
            while ((read = deflate.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxInflatedBytes)
                    throw new DicomFileException(fileName, start, null, $"deflated data set inflates beyond {MaxInflatedBytes} bytes");
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DicomFileException(fileName, start, null, $"deflated data set is corrupt: {e.Message}", e);
        }
    }
}
