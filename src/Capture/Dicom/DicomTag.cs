namespace OccluNet.Live.Capture.Dicom;

/// <summary>A DICOM attribute tag (group, element). Ordered as the standard orders elements in a data set.</summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    public uint Value => ((uint)Group << 16) | Element;

    public bool IsPrivate => (Group & 1) == 1;

    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    public override string ToString() => $"({Group:X4},{Element:X4})";

    public static DicomTag FromValue(uint value) => new((ushort)(value >> 16), (ushort)value);
}
