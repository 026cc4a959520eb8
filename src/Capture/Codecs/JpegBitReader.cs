namespace OccluNet.Live.Capture.Codecs;

/// <summary>
/// Entropy-coded bits of a JPEG scan, most significant first: skips stuffed 0x00 after 0xFF, stops at a marker
/// (feeding zero bits after it, counted so corrupt data is detected). Keeps up to 57 bits buffered so Huffman
/// lookups can peek.
/// </summary>
internal ref struct JpegBitReader
{
    readonly ReadOnlySpan<byte> _data;
    int _position;
    ulong _bits; // the next _count bits, left-aligned at bit 63
    int _count;

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        _position = position;
    }

    public int Position => _position;

    /// <summary>Zero bits handed out past a marker or the end of data.</summary>
    public int OverrunBits { get; private set; }

    /// <summary>The next <paramref name="n"/> bits (n &lt;= 25) without consuming them.</summary>
    public int Peek(int n)
    {
        if (_count < n) Fill();
        return (int)(_bits >> (64 - n));
    }

    public void Skip(int n)
    {
        if (_count < n) Fill();
        _bits <<= n;
        _count -= n;
    }

    public int ReadBit() => ReadBits(1);

    public int ReadBits(int n)
    {
        if (n == 0) return 0;
        var value = Peek(n);
        Skip(n);
        return value;
    }

    void Fill()
    {
        while (_count <= 56)
        {
            int next;
            if (_position < _data.Length && _data[_position] != 0xFF)
                next = _data[_position++];
            else if (_position + 1 < _data.Length && _data[_position + 1] == 0x00)
            {
                next = 0xFF;
                _position += 2;
            }
            else
            {
                next = 0; // at a marker or the end: stay there
                OverrunBits += 8;
            }
            _bits |= (ulong)next << (56 - _count);
            _count += 8;
        }
    }

    /// <summary>Drops the bits buffered (the rest of the current byte and any read ahead) and steps over an RSTn marker.</summary>
    public bool SkipRestartMarker()
    {
        // Bytes read ahead but not consumed are given back, so the marker is found where it is.
        RewindUnconsumedBytes();
        _bits = 0;
        _count = 0;
        while (_position + 1 < _data.Length && _data[_position] == 0xFF && _data[_position + 1] == 0xFF) _position++;
        if (_position + 1 < _data.Length && _data[_position] == 0xFF && _data[_position + 1] is >= 0xD0 and <= 0xD7)
        {
            _position += 2;
            OverrunBits = 0;
            return true;
        }
        return false;
    }

    /// <summary>Steps the position back over whole bytes that were buffered but not consumed (stuffing included).</summary>
    void RewindUnconsumedBytes()
    {
        var realBytes = _count / 8 - OverrunBits / 8;
        for (var i = 0; i < realBytes; i++)
        {
            _position--;
            if (_position > 0 && _data[_position] == 0x00 && _data[_position - 1] == 0xFF) _position--;
        }
        OverrunBits = 0;
    }
}
