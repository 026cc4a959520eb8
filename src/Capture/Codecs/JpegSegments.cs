using System.Buffers.Binary;

namespace OccluNet.Live.Capture.Codecs;

/// <summary>Walking the marker segments of a JPEG stream, and the checks every decoder here needs before trusting one.</summary>
internal static class JpegSegments
{
    public static int NextMarker(ReadOnlySpan<byte> data, ref int position, FrameContext frame)
    {
        while (position + 1 < data.Length && !(data[position] == 0xFF && data[position + 1] is not (0x00 or 0xFF))) position++;
        if (position + 1 >= data.Length) throw frame.Fail("JPEG data ends before EOI");
        var marker = data[position + 1];
        position += 2;
        return marker;
    }

    public static int ReadSegmentLength(ReadOnlySpan<byte> data, int position, FrameContext frame)
    {
        if (position + 2 > data.Length) throw frame.Fail("JPEG marker segment cut off");
        var length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
        if (length < 2 || position + length > data.Length) throw frame.Fail($"JPEG marker segment length {length} runs past the data");
        return length;
    }

    /// <summary>
    /// The tables of one DHT segment (id, 16 counts, values), each checked: at most 256 codes that fit their lengths
    /// (Kraft). A damaged table made JpegLibrary spend seconds (found by AFL), so the DCT path checks them too.
    /// </summary>
    public static List<(int Id, byte[] Counts, byte[] Values)> HuffmanTables(ReadOnlySpan<byte> s, FrameContext frame)
    {
        var tables = new List<(int, byte[], byte[])>();
        while (s.Length > 0)
        {
            if (s.Length < 17) throw frame.Fail("short DHT segment");
            var id = s[0] & 0x0F;
            if (id > 3 || s[0] >> 4 > 1) throw frame.Fail($"Huffman table class/id 0x{s[0]:X2} is not valid");
            var counts = s.Slice(1, 16);
            var total = 0;
            long codes = 0;
            for (var length = 1; length <= 16; length++)
            {
                total += counts[length - 1];
                codes = (codes << 1) + counts[length - 1];
                if (codes > 1L << length) throw frame.Fail($"Huffman table {id} has more codes of length {length} than fit");
            }
            if (total is 0 or > 256) throw frame.Fail($"Huffman table {id} has {total} codes (1..256 allowed)");
            if (s.Length < 17 + total) throw frame.Fail("short DHT segment");
            tables.Add((id, counts.ToArray(), s.Slice(17, total).ToArray()));
            s = s[(17 + total)..];
        }
        return tables;
    }

    /// <summary>Checks every DHT segment of the stream (the DCT path hands the stream to JpegLibrary afterwards).</summary>
    public static void CheckHuffmanTables(ReadOnlySpan<byte> data, FrameContext frame)
    {
        var position = 2;
        while (true)
        {
            // Like NextMarker, but a stream without EOI (padding, a cut tail) is left for the decoder to judge.
            while (position + 1 < data.Length && !(data[position] == 0xFF && data[position + 1] is not (0x00 or 0xFF))) position++;
            if (position + 1 >= data.Length) return;
            var marker = data[position + 1];
            position += 2;
            if (marker == 0xD9) return;
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) continue;
            var length = ReadSegmentLength(data, position, frame);
            if (marker == 0xC4) HuffmanTables(data.Slice(position + 2, length - 2), frame);
            position += length;
        }
    }
}
