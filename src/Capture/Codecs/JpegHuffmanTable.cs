namespace OccluNet.Live.Capture.Codecs;

/// <summary>
/// A JPEG Huffman table: a lookup of the first <see cref="LookupBits"/> bits for short codes, and the max code /
/// value pointer form of ITU T.81 F.2.2.3 for longer ones.
/// </summary>
internal sealed class JpegHuffmanTable
{
    const int LookupBits = 9;
    readonly int[] _maxCode = new int[18];
    readonly int[] _valuePointer = new int[17];
    readonly int[] _minCode = new int[17];
    readonly byte[] _values;
    readonly ushort[] _lookup = new ushort[1 << LookupBits]; // (length << 8) | symbol; 0 = longer code

    public JpegHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        _values = values.ToArray();
        int code = 0, k = 0;
        for (var length = 1; length <= 16; length++)
        {
            var n = counts[length - 1];
            _valuePointer[length] = k;
            _minCode[length] = code;
            for (var i = 0; i < n && k + i < _values.Length && length <= LookupBits; i++)
            {
                var first = (code + i) << (LookupBits - length);
                var span = 1 << (LookupBits - length);
                if (first + span <= _lookup.Length) _lookup.AsSpan(first, span).Fill((ushort)(length << 8 | _values[k + i]));
            }
            code += n;
            k += n;
            _maxCode[length] = n == 0 ? -1 : code - 1;
            code <<= 1;
        }
        _maxCode[17] = int.MaxValue;
    }

    /// <summary>The next symbol, or -1 when no code of 16 bits or fewer matches (corrupt data).</summary>
    public int Decode(ref JpegBitReader bits)
    {
        var entry = _lookup[bits.Peek(LookupBits)];
        if (entry != 0)
        {
            bits.Skip(entry >> 8);
            return entry & 0xFF;
        }
        var code = bits.ReadBit();
        for (var length = 1; length <= 16; length++)
        {
            if (code <= _maxCode[length] && _maxCode[length] >= 0)
            {
                var index = _valuePointer[length] + code - _minCode[length];
                return index < _values.Length ? _values[index] : -1;
            }
            code = (code << 1) | bits.ReadBit();
        }
        return -1;
    }
}
