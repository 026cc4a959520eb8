using System.Globalization;
using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Writing;

/// <summary>
/// A data set (or sequence item) being assembled for writing: elements added in any order, written in ascending tag
/// order as Part 5 requires, in explicit VR little endian. Sequences and items have undefined length with delimiters
/// (no length bookkeeping, valid everywhere). Adding a tag twice is a programming error and throws.
/// The one writer behind every object this program writes (XA runs, presentation states, structured reports).
/// </summary>
public sealed class DataSetToWrite
{
    readonly SortedDictionary<DicomTag, Action<ExplicitVRLittleEndianWriter>> elements = new();

    public int Count => elements.Count;

    public bool Contains(DicomTag tag) => elements.ContainsKey(tag);

    /// <summary>A text value (several values joined with '\'). Empty writes a zero-length (type 2) element.</summary>
    public DataSetToWrite Text(DicomTag tag, DicomVR vr, string value) => Put(tag, w => w.WriteString(tag, vr, value));

    public DataSetToWrite Texts(DicomTag tag, DicomVR vr, IEnumerable<string> values) => Text(tag, vr, string.Join('\\', values));

    /// <summary>An IS value (or several).</summary>
    public DataSetToWrite Integers(DicomTag tag, params int[] values) =>
        Texts(tag, DicomVR.IS, values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    /// <summary>A DS value (or several), at most 16 characters each.</summary>
    public DataSetToWrite Decimals(DicomTag tag, params double[] values) => Text(tag, DicomVR.DS, DicomDecimalString.Join(values));

    public DataSetToWrite UInt16(DicomTag tag, params ushort[] values) => Put(tag, w => w.WriteUInt16s(tag, values));

    public DataSetToWrite UInt32(DicomTag tag, uint value) => Put(tag, w => w.WriteUInt32(tag, value));

    public DataSetToWrite Int16(DicomTag tag, params short[] values) => Put(tag, w => w.WriteInt16s(tag, values));

    public DataSetToWrite Int32(DicomTag tag, params int[] values) => Put(tag, w => w.WriteInt32s(tag, values));

    public DataSetToWrite Floats(DicomTag tag, params float[] values) => Put(tag, w => w.WriteFloats(tag, values));

    public DataSetToWrite AttributeTag(DicomTag tag, DicomTag value) => Put(tag, w => w.WriteAttributeTag(tag, value));

    public DataSetToWrite Bytes(DicomTag tag, DicomVR vr, byte[] value) => Put(tag, w => w.WriteBytes(tag, vr, value));

    /// <summary>Frames of 16-bit samples as one OW value (written from the arrays, not copied).</summary>
    public DataSetToWrite Words(DicomTag tag, IReadOnlyList<ushort[]> frames) =>
        Put(tag, w => w.WriteWords(tag, frames, 2L * frames.Sum(f => (long)f.Length)));

    /// <summary>A sequence of items; none writes an empty (type 2) sequence.</summary>
    public DataSetToWrite Sequence(DicomTag tag, params DataSetToWrite[] items) => Put(tag, w => w.WriteSequence(tag, items.Length, i => items[i].WriteTo(w)));

    public DataSetToWrite Sequence(DicomTag tag, IEnumerable<DataSetToWrite> items) => Sequence(tag, items.ToArray());

    /// <summary>The elements in ascending tag order.</summary>
    internal void WriteTo(ExplicitVRLittleEndianWriter writer)
    {
        foreach (var write in elements.Values) write(writer);
    }

    DataSetToWrite Put(DicomTag tag, Action<ExplicitVRLittleEndianWriter> write)
    {
        if (!elements.TryAdd(tag, write)) throw new InvalidOperationException($"{tag} added twice to one data set");
        return this;
    }
}
