namespace OccluNet.Live.Model.Onnx;

/// <summary>
/// A minimal protobuf wire-format reader (varint, 64-bit, length-delimited, 32-bit), enough to walk an ONNX
/// ModelProto without a protobuf package. Reads over a byte array; a truncated or malformed message throws.
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> data;
    private int position;

    public ProtoReader(ReadOnlySpan<byte> data)
    {
        this.data = data;
        position = 0;
    }

    public readonly bool AtEnd => position >= data.Length;

    /// <summary>Next field number and wire type.</summary>
    public (int Field, int WireType) ReadTag()
    {
        ulong tag = ReadVarint();
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = Next();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return result;
        }
        throw new InvalidDataException("malformed protobuf varint (more than 10 bytes).");
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        ulong length = ReadVarint();
        if (length > (ulong)(data.Length - position))
            throw new InvalidDataException($"protobuf field of {length} bytes runs past the end of the message at byte {position}.");
        var slice = data.Slice(position, (int)length);
        position += (int)length;
        return slice;
    }

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes());

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: Advance(8); break;
            case 2: ReadBytes(); break;
            case 5: Advance(4); break;
            default: throw new InvalidDataException($"unsupported protobuf wire type {wireType} at byte {position}.");
        }
    }

    private void Advance(int count)
    {
        if (position + count > data.Length) throw new InvalidDataException("protobuf message ends inside a fixed-size field.");
        position += count;
    }

    private byte Next()
    {
        if (position >= data.Length) throw new InvalidDataException("protobuf message ends inside a varint.");
        return data[position++];
    }
}
