namespace OccluNet.Live.Capture.Codecs;

/// <summary>
/// A JPEG Huffman table: a lookup of the first <see cref="LookupBits"/> bits for short codes, and the max code /
/// value pointer form of ITU T.81 F.2.2.3 for longer ones.
/// </summary>
internal sealed class JpegHuffmanTable
{
    const int LookupBits = 9;
    readonly int[] maxCode = new int[18];
    readonly int[] valuePointer = new int[17];
    readonly int[] minCode = new int[17];
    readonly byte[] values;
    readonly ushort[] lookup = new ushort[1 << LookupBits]; // (length << 8) | symbol; 0 = longer code

    public JpegHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        this.values = values.ToArray();
        int code = 0, k = 0;
        for (var length = 1; length <= 16; length++)
        {
            var n = counts[length - 1];
            valuePointer[length] = k;
            minCode[length] = code;
            for (var i = 0; i < n && k + i < this.values.Length && length <= LookupBits; i++)
            {
                var first = (code + i) << (LookupBits - length);
                var span = 1 << (LookupBits - length);
                if (first + span <= lookup.Length) lookup.AsSpan(first, span).Fill((ushort)(length << 8 | this.values[k + i]));
            }
            code += n;
            k += n;
            maxCode[length] = n == 0 ? -1 : code - 1;
            code <<= 1;
        }
        maxCode[17] = int.MaxValue;
    }

    /// <summary>The next symbol, or -1 when no code of 16 bits or fewer matches (corrupt data).</summary>
    public int Decode(ref JpegBitReader bits)
    {
        var entry = lookup[bits.Peek(LookupBits)];
        if (entry != 0)
        {
            bits.Skip(entry >> 8);
            return entry & 0xFF;
        }
        var code = bits.ReadBit();
        for (var length = 1; length <= 16; length++)
        {
            if (code <= maxCode[length] && maxCode[length] >= 0)
            {
                var index = valuePointer[length] + code - minCode[length];
                return index < values.Length ? values[index] : -1;
            }
            code = (code << 1) | bits.ReadBit();
        }
        return -1;
    }
}
