using System.Buffers.Binary;
using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Imaging;

/// <summary>
/// Which fragments make up each frame of encapsulated pixel data: from the Extended Offset Table, else the Basic
/// Offset Table, else one fragment per frame when the counts match, else by where each codestream starts.
/// </summary>
internal static class EncapsulatedFrames
{
    public static IReadOnlyList<DicomFragment>[] Split(DicomDataSet dataSet, DicomElement pixelData, int frameCount, string fileName)
    {
        var items = pixelData.Fragments!;
        var fragments = items.Skip(1).ToArray();
        if (fragments.Length == 0) return Enumerable.Range(0, frameCount).Select(_ => (IReadOnlyList<DicomFragment>)[]).ToArray();
        var offsets = ExtendedOffsets(dataSet) ?? BasicOffsets(items[0], dataSet.IsBigEndian);
        if (offsets is { Length: > 0 } && offsets.Length == frameCount && offsets[0] == 0)
            return ByOffsets(fragments, offsets, pixelData, fileName);
        if (frameCount == 1) return [fragments];
        if (fragments.Length == frameCount) return fragments.Select(f => (IReadOnlyList<DicomFragment>)[f]).ToArray();
        return ByCodestreamStart(fragments, frameCount);
    }

    static long[]? ExtendedOffsets(DicomDataSet dataSet)
    {
        if (dataSet.Find(DicomTags.ExtendedOffsetTable) is not { } table || table.Value.Length % 8 != 0 || table.Value.Length == 0) return null;
        var span = table.Value.Span;
        var offsets = new long[span.Length / 8];
        for (var i = 0; i < offsets.Length; i++) offsets[i] = (long)BinaryPrimitives.ReadUInt64LittleEndian(span[(8 * i)..]);
        return offsets;
    }

    static long[]? BasicOffsets(DicomFragment table, bool bigEndian)
    {
        var span = table.Data.Span;
        if (span.Length == 0 || span.Length % 4 != 0) return null;
        var offsets = new long[span.Length / 4];
        for (var i = 0; i < offsets.Length; i++)
            offsets[i] = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span[(4 * i)..]) : BinaryPrimitives.ReadUInt32LittleEndian(span[(4 * i)..]);
        return offsets;
    }

    /// <summary>Offsets count from the first fragment's item header; a frame is every fragment from its offset to the next.</summary>
    static IReadOnlyList<DicomFragment>[] ByOffsets(DicomFragment[] fragments, long[] offsets, DicomElement pixelData, string fileName)
    {
        var origin = fragments[0].Offset - 8;
        var frames = new IReadOnlyList<DicomFragment>[offsets.Length];
        for (var f = 0; f < offsets.Length; f++)
        {
            if (f > 0 && offsets[f] <= offsets[f - 1])
                throw new DicomFileException(fileName, pixelData.Offset, DicomTags.PixelData, $"offset table entry {f + 1} ({offsets[f]}) does not increase");
            var start = offsets[f];
            var end = f + 1 < offsets.Length ? offsets[f + 1] : long.MaxValue;
            frames[f] = fragments.Where(x => x.Offset - 8 - origin >= start && x.Offset - 8 - origin < end).ToArray();
        }
        return frames;
    }

    /// <summary>No usable table: a new frame starts at each fragment that begins a JPEG (FFD8) or J2K (FF4F) codestream.</summary>
    static IReadOnlyList<DicomFragment>[] ByCodestreamStart(DicomFragment[] fragments, int frameCount)
    {
        var frames = new List<List<DicomFragment>>();
        foreach (var fragment in fragments)
        {
            var span = fragment.Data.Span;
            var starts = span.Length >= 2 && span[0] == 0xFF && span[1] is 0xD8 or 0x4F;
            if (starts || frames.Count == 0) frames.Add([]);
            frames[^1].Add(fragment);
        }
        while (frames.Count < frameCount) frames.Add([]);
        return frames.Take(frameCount).Select(f => (IReadOnlyList<DicomFragment>)f).ToArray();
    }
}
