namespace OccluNet.Live.Capture.Codecs;

/// <summary>
/// Entropy-coded bits of a JPEG scan: skips stuffed 0x00 after 0xFF, stops at a marker (feeding zero bits after it,
/// counted so corrupt data is detected).
/// </summary>
internal ref struct JpegBitReader
{
    readonly ReadOnlySpan<byte> _data;
    int _position;
    uint _buffer;
    int _count;

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        _position = position;
    }

    public int Position => _position;

    /// <summary>Zero bits handed out past a marker or the end of data.</summary>
    public int OverrunBits { get; private set; }

    public int ReadBit()
    {
        if (_count == 0) Fill();
        _count--;
        return (int)(_buffer >> _count) & 1;
    }

    public int ReadBits(int n)
    {
        var value = 0;
        for (var i = 0; i < n; i++) value = (value << 1) | ReadBit();
        return value;
    }

    void Fill()
    {
        _count = 8;
        if (_position < _data.Length && _data[_position] != 0xFF)
        {
            _buffer = _data[_position++];
            return;
        }
        if (_position + 1 < _data.Length && _data[_position + 1] == 0x00)
        {
            _buffer = 0xFF;
            _position += 2;
            return;
        }
        _buffer = 0; // at a marker or the end: stay there
        OverrunBits += 8;
    }

    /// <summary>Drops the bits left in the current byte and steps over an RSTn marker if one is next.</summary>
    public bool SkipRestartMarker()
    {
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
}
