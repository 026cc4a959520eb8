using System.Buffers.Binary;
using System.Text;

namespace OccluNet.Live.Capture.Tests.Reading;

/// <summary>Hand-built explicit VR little endian byte sequences for parser edge cases.</summary>
internal sealed class SyntheticDataSets
{
    readonly List<byte> bytes = [];

    public static SyntheticDataSets Part10(string transferSyntax = "1.2.840.10008.1.2.1")
    {
        var s = new SyntheticDataSets();
        s.bytes.AddRange(new byte[128]);
        s.bytes.AddRange("DICM"u8.ToArray());
        var uid = Encoding.ASCII.GetBytes(transferSyntax.Length % 2 == 1 ? transferSyntax + "\0" : transferSyntax);
        s.Short(0x0002, 0x0000, "UL", BitConverter.GetBytes((uint)(8 + uid.Length)));
        s.Short(0x0002, 0x0010, "UI", uid);
        return s;
    }

    public SyntheticDataSets Short(ushort group, ushort element, string vr, byte[] value)
    {
        Tag(group, element);
        bytes.AddRange(Encoding.ASCII.GetBytes(vr));
        bytes.AddRange(BitConverter.GetBytes((ushort)value.Length));
        bytes.AddRange(value);
        return this;
    }

    public SyntheticDataSets Text(ushort group, ushort element, string vr, string value) =>
        Short(group, element, vr, Encoding.ASCII.GetBytes(value.Length % 2 == 1 ? value + " " : value));

    public SyntheticDataSets US(ushort group, ushort element, ushort value) => Short(group, element, "US", BitConverter.GetBytes(value));

    public SyntheticDataSets Long(ushort group, ushort element, string vr, uint length, byte[]? value = null)
    {
        Tag(group, element);
        bytes.AddRange(Encoding.ASCII.GetBytes(vr));
        bytes.AddRange([0, 0]);
        bytes.AddRange(BitConverter.GetBytes(length));
        if (value is not null) bytes.AddRange(value);
        return this;
    }

    public SyntheticDataSets Item(ushort element, uint length)
    {
        Tag(0xFFFE, element);
        bytes.AddRange(BitConverter.GetBytes(length));
        return this;
    }

    public SyntheticDataSets Raw(byte[] bytes)
    {
        this.bytes.AddRange(bytes);
        return this;
    }

    void Tag(ushort group, ushort element)
    {
        var tag = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(tag, group);
        BinaryPrimitives.WriteUInt16LittleEndian(tag.AsSpan(2), element);
        bytes.AddRange(tag);
    }

    public byte[] ToArray() => bytes.ToArray();
}
