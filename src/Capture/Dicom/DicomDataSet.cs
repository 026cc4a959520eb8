using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace OccluNet.Live.Capture.Dicom;

/// <summary>The elements of one data set (or sequence item), by tag, with typed accessors for the values this reader needs.</summary>
public sealed class DicomDataSet
{
    readonly Dictionary<DicomTag, DicomElement> elements = [];

    public DicomDataSet(bool isBigEndian) => IsBigEndian = isBigEndian;

    public bool IsBigEndian { get; }

    public IEnumerable<DicomElement> Elements => elements.Values.OrderBy(e => e.Tag);

    public int Count => elements.Count;

    /// <summary>Adds an element; a repeated tag keeps the first one (as dcmtk does) and is reported by returning false.</summary>
    public bool Add(DicomElement element) => elements.TryAdd(element.Tag, element);

    public DicomElement? Find(DicomTag tag) => elements.GetValueOrDefault(tag);

    public bool Contains(DicomTag tag) => elements.ContainsKey(tag);

    /// <summary>The text value, trimmed of padding (spaces and NULs), or null when absent or empty.</summary>
    public string? GetString(DicomTag tag)
    {
        if (Find(tag) is not { } element || !element.VR.IsString && element.VR != DicomVR.UN) return null;
        var text = Encoding.Latin1.GetString(element.Value.Span).Trim(' ', '\0');
        return text.Length == 0 ? null : text;
    }

    /// <summary>Backslash-separated values of a text element.</summary>
    public string[] GetStrings(DicomTag tag) =>
        GetString(tag) is { } text ? text.Split('\\').Select(v => v.Trim(' ', '\0')).ToArray() : [];

    public ushort? GetUInt16(DicomTag tag)
    {
        if (Find(tag) is not { } element || element.Value.Length < 2) return null;
        if (element.VR.IsString) return ushort.TryParse(GetString(tag), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var span = element.Value.Span;
        return IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
    }

    /// <summary>Every value of a US (or SS, read as its bits) element; empty when absent.</summary>
    public ushort[] GetUInt16s(DicomTag tag)
    {
        if (Find(tag) is not { } element || element.VR.IsString) return GetUInt16(tag) is { } one ? [one] : [];
        var span = element.Value.Span;
        var values = new ushort[span.Length / 2];
        for (var i = 0; i < values.Length; i++)
            values[i] = IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span[(2 * i)..]) : BinaryPrimitives.ReadUInt16LittleEndian(span[(2 * i)..]);
        return values;
    }

    /// <summary>Every value of an FL element; empty when absent or not 4-byte floats.</summary>
    public float[] GetFloat32s(DicomTag tag)
    {
        if (Find(tag) is not { } element || element.VR != DicomVR.FL && element.VR != DicomVR.UN) return [];
        var span = element.Value.Span;
        var values = new float[span.Length / 4];
        for (var i = 0; i < values.Length; i++)
            values[i] = IsBigEndian ? BinaryPrimitives.ReadSingleBigEndian(span[(4 * i)..]) : BinaryPrimitives.ReadSingleLittleEndian(span[(4 * i)..]);
        return values;
    }

    /// <summary>An IS value (or the first of several), or null when absent or not a number.</summary>
    public int? GetInteger(DicomTag tag) =>
        GetStrings(tag) is [var first, ..] && int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>DS (or IS) values; values that are not numbers are left out.</summary>
    public double[] GetDecimals(DicomTag tag) =>
        GetStrings(tag).Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? (double?)d : null)
            .Where(d => d.HasValue).Select(d => d!.Value).ToArray();

    public double? GetDecimal(DicomTag tag) => GetDecimals(tag) is [var first, ..] ? first : null;

    public DicomTag? GetAttributeTag(DicomTag tag)
    {
        if (Find(tag) is not { } element || element.Value.Length < 4) return null;
        var span = element.Value.Span;
        return IsBigEndian
            ? new DicomTag(BinaryPrimitives.ReadUInt16BigEndian(span), BinaryPrimitives.ReadUInt16BigEndian(span[2..]))
            : new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(span), BinaryPrimitives.ReadUInt16LittleEndian(span[2..]));
    }
}
