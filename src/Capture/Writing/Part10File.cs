using System.IO.Compression;
using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Writing;

/// <summary>
/// Writes a <see cref="DataSetToWrite"/> as a DICOM Part 10 file: 128-byte preamble, "DICM", the file meta group
/// (its length first) and the data set in explicit VR little endian, or deflated explicit VR little endian.
/// </summary>
public static class Part10File
{
    /// <summary>This program's implementation class UID (a fixed UUID-derived 2.25 UID) and version name.</summary>
    public const string ImplementationClassUid = "2.25.131880470289617306158212385573061592211";
    public const string ImplementationVersionName = "OCCLUNET_LIVE_1";

    /// <summary>
    /// Writes to a new file at <paramref name="path"/> through a temporary file beside it renamed at the end, so that
    /// nobody ever reads half a file; an existing file is never replaced (IOException).
    /// </summary>
    public static void WriteNew(string path, string sopClassUid, string sopInstanceUid, DataSetToWrite dataSet, bool deflate = false)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.partial");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Write(file, sopClassUid, sopInstanceUid, dataSet, deflate);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public static void Write(Stream stream, string sopClassUid, string sopInstanceUid, DataSetToWrite dataSet, bool deflate = false)
    {
        var transferSyntax = deflate ? TransferSyntax.DeflatedExplicitVRLittleEndian : TransferSyntax.ExplicitVRLittleEndian;
        stream.Write(new byte[128]);
        stream.Write("DICM"u8);
        WriteFileMeta(stream, sopClassUid, sopInstanceUid, transferSyntax.Uid);
        if (!deflate)
        {
            dataSet.WriteTo(new ExplicitVRLittleEndianWriter(stream));
            return;
        }
        using var compressed = new DeflateStream(stream, CompressionLevel.Optimal, leaveOpen: true);
        using var buffered = new BufferedStream(compressed, 1 << 16);
        dataSet.WriteTo(new ExplicitVRLittleEndianWriter(buffered));
    }

    static void WriteFileMeta(Stream stream, string sopClassUid, string sopInstanceUid, string transferSyntaxUid)
    {
        var meta = new DataSetToWrite()
            .Bytes(DicomTags.FileMetaVersion, DicomVR.OB, [0, 1])
            .Text(DicomTags.MediaStorageSopClassUid, DicomVR.UI, sopClassUid)
            .Text(DicomTags.MediaStorageSopInstanceUid, DicomVR.UI, sopInstanceUid)
            .Text(DicomTags.TransferSyntaxUid, DicomVR.UI, transferSyntaxUid)
            .Text(DicomTags.ImplementationClassUid, DicomVR.UI, ImplementationClassUid)
            .Text(DicomTags.ImplementationVersionName, DicomVR.SH, ImplementationVersionName);
        // Group 0002 starts with its own length, so it is written to memory first.
        using var buffer = new MemoryStream();
        meta.WriteTo(new ExplicitVRLittleEndianWriter(buffer));
        new ExplicitVRLittleEndianWriter(stream).WriteUInt32(DicomTags.FileMetaGroupLength, (uint)buffer.Length);
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }
}
