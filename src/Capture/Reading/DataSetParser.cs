using System.Buffers.Binary;
using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Reading;

/// <summary>
/// Parses a data set from a byte buffer. Iterates over elements; recursion happens only for sequence items and is
/// limited to <see cref="MaxDepth"/> levels. Every length is checked against the bytes left before it is used, so
/// nothing is allocated or read beyond the buffer. Pixel Data cut short by the end of the file is kept as far as it
/// goes (frames it fully holds still decode).
/// </summary>
internal sealed class DataSetParser
{
    public const int MaxDepth = 16;
    const uint Undefined = uint.MaxValue;

    readonly ReadOnlyMemory<byte> buffer;
    readonly string fileName;
    readonly bool explicitVR;
    readonly bool bigEndian;
    readonly long offsetBase;

    /// <param name="offsetBase">Added to positions in error messages (where this buffer starts in the file).</param>
    public DataSetParser(ReadOnlyMemory<byte> buffer, string fileName, bool explicitVR, bool bigEndian, long offsetBase = 0)
    {
        this.buffer = buffer;
        this.fileName = fileName;
        this.explicitVR = explicitVR;
        this.bigEndian = bigEndian;
        this.offsetBase = offsetBase;
    }

    public DicomDataSet ParseAll(int start)
    {
        var position = start;
        return ParseDataSet(ref position, buffer.Length, untilItemDelimiter: false, depth: 0, explicitVR: explicitVR);
    }

    DicomDataSet ParseDataSet(ref int position, int end, bool untilItemDelimiter, int depth, bool explicitVR)
    {
        if (depth > MaxDepth) throw Fail(position, null, $"sequences nested deeper than {MaxDepth} levels");
        var dataSet = new DicomDataSet(bigEndian);
        while (position < end)
        {
            var start = position;
            var tag = ReadTag(position, end);
            if (tag == DicomTags.ItemDelimitation)
            {
                position += 8;
                if (untilItemDelimiter) return dataSet;
                continue; // a stray delimiter inside a defined-length item: dcmtk skips it too
            }
            if (tag == DicomTags.Item || tag == DicomTags.SequenceDelimitation)
                throw Fail(start, tag, "item or sequence delimiter where a data element was expected");
            var element = ParseElement(ref position, end, tag, depth, explicitVR);
            dataSet.Add(element);
            if (position < start + 8) throw Fail(start, tag, "parser made no progress"); // cannot happen; guards loops
        }
        if (untilItemDelimiter) throw Fail(position, null, "item of undefined length has no Item Delimitation Item before its end");
        return dataSet;
    }

    DicomElement ParseElement(ref int position, int end, DicomTag tag, int depth, bool explicitVR)
    {
        var start = position;
        var (vr, length, headerLength) = explicitVR ? ReadExplicitHeader(position, end, tag) : ReadImplicitHeader(position, end, tag);
        position += headerLength;
        if (tag == DicomTags.PixelData && length == Undefined && depth == 0)
            return ParseEncapsulated(ref position, end, start, tag, vr);
        if (length == Undefined)
        {
            if (vr != DicomVR.SQ && vr != DicomVR.UN)
                throw Fail(start, tag, $"undefined length on a {vr} element");
            // Undefined-length UN holds implicit VR little endian content, whatever the file's syntax (Part 5 6.2.2).
            var parser = vr == DicomVR.UN && explicitVR ? new DataSetParser(buffer, fileName, false, false, offsetBase) : this;
            var items = parser.ParseSequenceItems(ref position, end, undefinedLength: true, depth, explicitVR: vr == DicomVR.SQ && explicitVR);
            return new DicomElement { Tag = tag, VR = DicomVR.SQ, Offset = offsetBase + start, DeclaredLength = Undefined, Items = items, ValueOffset = offsetBase + start + headerLength };
        }
        var available = end - position;
        if (length > available)
        {
            if (tag != DicomTags.PixelData || depth > 0)
                throw Fail(start, tag, $"value length {length} exceeds the {available} bytes left in the file");
            var cut = buffer.Slice(position, available);
            position = end;
            return new DicomElement { Tag = tag, VR = vr, Offset = offsetBase + start, Value = cut, DeclaredLength = length, ValueOffset = offsetBase + start + headerLength };
        }
        if (!explicitVR && vr == DicomVR.UN && length >= 8 && TryParseUnknownSequence(position, (int)length, depth) is { } guessed)
        {
            position += (int)length;
            return new DicomElement { Tag = tag, VR = DicomVR.SQ, Offset = offsetBase + start, DeclaredLength = length, Items = guessed, ValueOffset = offsetBase + start + headerLength };
        }
        if (vr == DicomVR.SQ)
        {
            var sequenceEnd = position + (int)length;
            var items = ParseSequenceItems(ref position, sequenceEnd, undefinedLength: false, depth, explicitVR);
            return new DicomElement { Tag = tag, VR = vr, Offset = offsetBase + start, DeclaredLength = length, Items = items, ValueOffset = offsetBase + start + headerLength };
        }
        var value = buffer.Slice(position, (int)length);
        position += (int)length;
        return new DicomElement { Tag = tag, VR = vr, Offset = offsetBase + start, Value = value, DeclaredLength = length, ValueOffset = offsetBase + start + headerLength };
    }

    List<DicomDataSet> ParseSequenceItems(ref int position, int end, bool undefinedLength, int depth, bool explicitVR)
    {
        var items = new List<DicomDataSet>();
        while (position < end)
        {
            var start = position;
            var tag = ReadTag(position, end);
            var length = ReadUInt32(position + 4, end, tag);
            position += 8;
            if (tag == DicomTags.SequenceDelimitation)
            {
                if (undefinedLength) return items;
                continue;
            }
            if (tag != DicomTags.Item) throw Fail(start, tag, "expected an Item (FFFE,E000) in a sequence");
            if (length == Undefined)
            {
                items.Add(ParseDataSet(ref position, end, untilItemDelimiter: true, depth + 1, explicitVR));
                continue;
            }
            if (length > end - position) throw Fail(start, tag, $"item length {length} exceeds the {end - position} bytes left in its sequence");
            var itemEnd = position + (int)length;
            items.Add(ParseDataSet(ref position, itemEnd, untilItemDelimiter: false, depth + 1, explicitVR));
        }
        if (undefinedLength) throw Fail(position, null, "sequence of undefined length has no Sequence Delimitation Item before the end of the file");
        return items;
    }

    /// <summary>
    /// Implicit VR gives no VR for tags outside the dictionary (private sequences): a value that starts with an Item
    /// tag and parses as items is taken as a sequence, anything else stays bytes.
    /// </summary>
    List<DicomDataSet>? TryParseUnknownSequence(int position, int length, int depth)
    {
        if (ReadTag(position, position + length) != DicomTags.Item) return null;
        try
        {
            var cursor = position;
            return ParseSequenceItems(ref cursor, position + length, undefinedLength: false, depth, explicitVR: false);
        }
        catch (DicomFileException)
        {
            return null;
        }
    }

    DicomElement ParseEncapsulated(ref int position, int end, int start, DicomTag tag, DicomVR vr)
    {
        var fragments = new List<DicomFragment>();
        while (true)
        {
            if (position >= end) break; // cut file: the frames the fragments hold still decode; later ones fail
            var itemStart = position;
            var itemTag = ReadTag(position, end);
            if (end - position < 8) break;
            var length = ReadUInt32(position + 4, end, itemTag);
            position += 8;
            if (itemTag == DicomTags.SequenceDelimitation) break;
            if (itemTag != DicomTags.Item) throw Fail(itemStart, itemTag, "expected a fragment Item (FFFE,E000) in encapsulated Pixel Data");
            if (length == Undefined) throw Fail(itemStart, itemTag, "fragment of undefined length");
            var available = Math.Min(length, (uint)(end - position));
            fragments.Add(new DicomFragment(offsetBase + position, buffer.Slice(position, (int)available), length));
            position += (int)available;
        }
        if (fragments.Count == 0) throw Fail(start, tag, "encapsulated Pixel Data without a Basic Offset Table item");
        return new DicomElement { Tag = tag, VR = vr, Offset = offsetBase + start, DeclaredLength = Undefined, Fragments = fragments, ValueOffset = offsetBase + start + 12 };
    }

    (DicomVR Vr, uint Length, int HeaderLength) ReadExplicitHeader(int position, int end, DicomTag tag)
    {
        if (end - position < 8) throw Fail(position, tag, "element header cut by the end of the data");
        var span = buffer.Span;
        var vr = DicomVR.Lookup(span[position + 4], span[position + 5]);
        if (vr is null)
            throw Fail(position, tag, $"unknown VR bytes 0x{span[position + 4]:X2} 0x{span[position + 5]:X2} in an explicit VR data set");
        if (!vr.HasLongLength) return (vr, ReadUInt16(position + 6), 8);
        if (end - position < 12) throw Fail(position, tag, "element header cut by the end of the data");
        return (vr, ReadUInt32(position + 8, end, tag), 12);
    }

    (DicomVR Vr, uint Length, int HeaderLength) ReadImplicitHeader(int position, int end, DicomTag tag)
    {
        if (end - position < 8) throw Fail(position, tag, "element header cut by the end of the data");
        var length = ReadUInt32(position + 4, end, tag);
        var vr = ImplicitVRDictionary.Lookup(tag);
        return (length == Undefined && tag != DicomTags.PixelData ? DicomVR.SQ : vr, length, 8);
    }

    DicomTag ReadTag(int position, int end)
    {
        if (end - position < 8) throw Fail(position, null, $"{end - position} bytes left where an 8-byte element header was expected");
        var span = buffer.Span[position..];
        // Item and delimiter tags follow the data set's byte order, like any other tag.
        return bigEndian
            ? new DicomTag(BinaryPrimitives.ReadUInt16BigEndian(span), BinaryPrimitives.ReadUInt16BigEndian(span[2..]))
            : new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(span), BinaryPrimitives.ReadUInt16LittleEndian(span[2..]));
    }

    ushort ReadUInt16(int position)
    {
        var span = buffer.Span[position..];
        return bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
    }

    uint ReadUInt32(int position, int end, DicomTag? tag)
    {
        if (end - position < 4) throw Fail(position, tag, "length field cut by the end of the data");
        var span = buffer.Span[position..];
        return bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);
    }

    DicomFileException Fail(long position, DicomTag? tag, string reason) => new(fileName, offsetBase + position, tag, reason);
}
