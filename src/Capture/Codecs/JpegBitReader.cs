namespace OccluNet.Live.Capture.Codecs;

/// <summary>
/// Entropy-coded bits of a JPEG scan, most significant first: skips stuffed 0x00 after 0xFF, stops at a marker
/// (feeding zero bits after it, counted so corrupt data is detected). Keeps up to 57 bits buffered so Huffman
/// lookups can peek.
/// </summary>
internal ref struct JpegBitReader
{
    readonly ReadOnlySpan<byte> data;
    int position;
    ulong bits; // the next count bits, left-aligned at bit 63
    int count;

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        this.data = data;
        this.position = position;
    }

    public int Position => position;

    /// <summary>Zero bits handed out past a marker or the end of data.</summary>
    public int OverrunBits { get; private set; }

    /// <summary>The next <paramref name="n"/> bits (n &lt;= 25) without consuming them.</summary>
    public int Peek(int n)
    {
        if (count < n) Fill();
        return (int)(bits >> (64 - n));
    }

    public void Skip(int n)
    {
        if (count < n) Fill();
        bits <<= n;
        count -= n;
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
        while (count <= 56)
        {
            int next;
            if (position < data.Length && data[position] != 0xFF)
                next = data[position++];
            else if (position + 1 < data.Length && data[position + 1] == 0x00)
            {
                next = 0xFF;
                position += 2;
            }
            else
            {
                next = 0; // at a marker or the end: stay there
                OverrunBits += 8;
            }
            bits |= (ulong)next << (56 - count);
            count += 8;
        }
    }

    /// <summary>Drops the bits buffered (the rest of the current byte and any read ahead) and steps over an RSTn marker.</summary>
    public bool SkipRestartMarker()
    {
        // Bytes read ahead but not consumed are given back, so the marker is found where it is.
        RewindUnconsumedBytes();
        bits = 0;
        count = 0;
        while (position + 1 < data.Length && data[position] == 0xFF && data[position + 1] == 0xFF) position++;
        if (position + 1 < data.Length && data[position] == 0xFF && data[position + 1] is >= 0xD0 and <= 0xD7)
        {
            position += 2;
            OverrunBits = 0;
            return true;
        }
        return false;
    }

    /// <summary>Steps the position back over whole bytes that were buffered but not consumed (stuffing included).</summary>
    void RewindUnconsumedBytes()
    {
        var realBytes = count / 8 - OverrunBits / 8;
        for (var i = 0; i < realBytes; i++)
        {
            position--;
            if (position > 0 && data[position] == 0x00 && data[position - 1] == 0xFF) position--;
        }
        OverrunBits = 0;
    }
}
