using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Writing;

/// <summary>
/// Writes data elements in explicit VR little endian to a stream, padding values to even length. Text is UTF-8 (plain
/// ASCII unless the data set declares ISO_IR 192). Use <see cref="DataSetToWrite"/>, which orders the elements.
/// </summary>
internal sealed class ExplicitVRLittleEndianWriter(Stream stream)
{
    const uint UndefinedLength = uint.MaxValue;

    public void WriteString(DicomTag tag, DicomVR vr, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var padded = bytes.Length + (bytes.Length & 1);
        WriteHeader(tag, vr, (uint)padded);
        stream.Write(bytes);
        if (padded != bytes.Length) stream.WriteByte(vr.Padding);
    }

    public void WriteUInt16s(DicomTag tag, ushort[] values) => WriteBinary(tag, DicomVR.US, values, BinaryPrimitives.WriteUInt16LittleEndian);

    public void WriteInt16s(DicomTag tag, short[] values) => WriteBinary(tag, DicomVR.SS, values, BinaryPrimitives.WriteInt16LittleEndian);

    public void WriteInt32s(DicomTag tag, int[] values) => WriteBinary(tag, DicomVR.SL, values, BinaryPrimitives.WriteInt32LittleEndian);

    public void WriteFloats(DicomTag tag, float[] values) => WriteBinary(tag, DicomVR.FL, values, BinaryPrimitives.WriteSingleLittleEndian);

    delegate void Put<T>(Span<byte> destination, T value);

    /// <summary>Fixed-size binary values (US, SS, SL, FL), little endian, one after the other.</summary>
    void WriteBinary<T>(DicomTag tag, DicomVR vr, T[] values, Put<T> put)
    {
        var bytes = new byte[vr.UnitSize * values.Length];
        for (var i = 0; i < values.Length; i++) put(bytes.AsSpan(vr.UnitSize * i), values[i]);
        WriteBytes(tag, vr, bytes);
    }

    /// <summary>A sequence of undefined length; <paramref name="writeItem"/> writes the elements of item i.</summary>
    public void WriteSequence(DicomTag tag, int items, Action<int> writeItem)
    {
        WriteHeader(tag, DicomVR.SQ, UndefinedLength);
        for (var i = 0; i < items; i++)
        {
            WriteItemTag(DicomTags.Item, UndefinedLength);
            writeItem(i);
            WriteItemTag(DicomTags.ItemDelimitation, 0);
        }
        WriteItemTag(DicomTags.SequenceDelimitation, 0);
    }

    public void WriteUInt32(DicomTag tag, uint value)
    {
        WriteHeader(tag, DicomVR.UL, 4);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    public void WriteAttributeTag(DicomTag tag, DicomTag value)
    {
        WriteHeader(tag, DicomVR.AT, 4);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[2..], value.Element);
        stream.Write(bytes);
    }

    public void WriteBytes(DicomTag tag, DicomVR vr, ReadOnlySpan<byte> value)
    {
        var padded = value.Length + (value.Length & 1);
        WriteHeader(tag, vr, (uint)padded);
        stream.Write(value);
        if (padded != value.Length) stream.WriteByte(0);
    }

    /// <summary>Frames of 16-bit samples, one after the other, as one OW value.</summary>
    public void WriteWords(DicomTag tag, IReadOnlyList<ushort[]> frames, long totalBytes)
    {
        WriteHeader(tag, DicomVR.OW, checked((uint)totalBytes));
        foreach (var frame in frames) WriteWordsLittleEndian(frame);
    }

    void WriteWordsLittleEndian(ushort[] words)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(words.AsSpan()));
            return;
        }
        var bytes = new byte[words.Length * 2];
        for (var i = 0; i < words.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), words[i]);
        stream.Write(bytes);
    }

    /// <summary>Item, item delimitation and sequence delimitation tags carry no VR.</summary>
    void WriteItemTag(DicomTag tag, uint length)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], tag.Element);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], length);
        stream.Write(header);
    }

    void WriteHeader(DicomTag tag, DicomVR vr, uint length)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(header[2..], tag.Element);
        header[4] = (byte)vr.Code[0];
        header[5] = (byte)vr.Code[1];
        if (vr.HasLongLength)
        {
            header[6] = 0;
            header[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(header[8..], length);
            stream.Write(header);
            return;
        }
        if (length > ushort.MaxValue) throw new ArgumentException($"{tag} {vr}: value of {length} bytes is too long for a 16-bit length");
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], (ushort)length);
        stream.Write(header[..8]);
    }
}
