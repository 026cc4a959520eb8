using System.Buffers.Binary;
using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Reading;

/// <summary>
/// Tells Part 10 files from bare data sets by content: "DICM" at 128 counts only when a group 0002 element in
/// explicit VR follows it (a bare data set can hold those four bytes by chance).
/// </summary>
internal static class FileFormatDetector
{
    /// <summary>Where the meta group's first element starts, or null when the file has none.</summary>
    public static int? FindFileMeta(byte[] bytes)
    {
        if (bytes.Length >= 132 + 8 && bytes.AsSpan(128, 4).SequenceEqual("DICM"u8) && IsGroup2ExplicitElement(bytes, 132)) return 132;
        if (IsGroup2ExplicitElement(bytes, 0)) return 0; // meta group without preamble
        return null;
    }

    static bool IsGroup2ExplicitElement(byte[] bytes, int position) =>
        bytes.Length >= position + 8
        && BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position)) == 0x0002
        && DicomVR.Lookup(bytes[position + 4], bytes[position + 5]) is not null;

    /// <summary>Offset just after the last consecutive group 0002 element.</summary>
    public static int EndOfGroup2(byte[] bytes, int start)
    {
        var position = start;
        while (bytes.Length - position >= 8 && BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position)) == 0x0002)
        {
            var vr = DicomVR.Lookup(bytes[position + 4], bytes[position + 5]);
            if (vr is null) break;
            long length;
            int header;
            if (vr.HasLongLength)
            {
                if (bytes.Length - position < 12) break;
                length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 8));
                header = 12;
            }
            else
            {
                length = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(position + 6));
                header = 8;
            }
            if (position + header + length > bytes.Length) break; // the meta parser reports the cut element
            position += header + (int)length;
        }
        return position == start ? Math.Min(bytes.Length, start + 8) : position;
    }

    /// <summary>
    /// A data set without meta: little or big endian from the first group number, explicit or implicit VR from
    /// whether bytes 4-5 spell a VR. ACR-NEMA files are implicit VR little endian.
    /// </summary>
    public static TransferSyntax GuessBareDataSet(byte[] bytes, string fileName)
    {
        var littleGroup = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        var bigGroup = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        var explicitVR = DicomVR.Lookup(bytes[4], bytes[5]) is not null;
        if (littleGroup is >= 0x0000 and <= 0x0100 && !IsDelimiter(littleGroup))
            return explicitVR ? TransferSyntax.ExplicitVRLittleEndian : TransferSyntax.ImplicitVRLittleEndian;
        if (bigGroup <= 0x0100 && explicitVR) return TransferSyntax.ExplicitVRBigEndian;
        throw new DicomFileException(fileName, 0, new DicomTag(littleGroup, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2))),
            "not a DICOM file: no \"DICM\" file meta and the first bytes are not a data element");
    }

    static bool IsDelimiter(ushort group) => group == 0xFFFE;

    /// <summary>A Part 10 meta group, or a first element a bare data set could start with (low group, known VR or plausible implicit length).</summary>
    public static bool LooksLikeDicom(byte[] head)
    {
        if (head.Length < 8) return false;
        if (FindFileMeta(head) is not null) return true;
        var group = BinaryPrimitives.ReadUInt16LittleEndian(head);
        if (group is 0 or > 0x0100 || (group & 1) == 1) return false;
        if (DicomVR.Lookup(head[4], head[5]) is not null) return true;
        var length = BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(4));
        return length < 0x10000;
    }
}
