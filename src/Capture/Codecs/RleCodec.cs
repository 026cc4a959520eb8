using System.Buffers.Binary;

namespace OccluNet.Live.Capture.Codecs;

/// <summary>DICOM RLE Lossless (Part 5 Annex G): a 64-byte header of segment offsets, one PackBits segment per byte plane.</summary>
internal sealed class RleCodec : IFrameCodec
{
    public ushort[] Decode(ReadOnlySpan<byte> data, FrameContext frame)
    {
        var p = frame.Pixels;
        var bytesPerSample = p.BitsAllocated / 8;
        var segmentCount = p.SamplesPerPixel * bytesPerSample;
        if (data.Length < 64) throw frame.Fail($"RLE header needs 64 bytes, the frame has {data.Length}");
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(data);
        if (declared != segmentCount) throw frame.Fail($"RLE header declares {declared} segments, the pixel module needs {segmentCount}");
        var pixelCount = p.Rows * p.Columns;
        var output = new ushort[pixelCount * p.SamplesPerPixel];
        var plane = new byte[pixelCount];
        for (var segment = 0; segment < segmentCount; segment++)
        {
            var start = BinaryPrimitives.ReadUInt32LittleEndian(data[(4 + 4 * segment)..]);
            var end = segment + 1 < segmentCount ? BinaryPrimitives.ReadUInt32LittleEndian(data[(8 + 4 * segment)..]) : (uint)data.Length;
            if (start < 64 || start > end || end > data.Length) throw frame.Fail($"RLE segment {segment + 1} offsets {start}..{end} lie outside the {data.Length}-byte frame");
            DecodeSegment(data[(int)start..(int)end], plane, frame, segment);
            Scatter(plane, output, sample: segment / bytesPerSample, shift: 8 * (bytesPerSample - 1 - segment % bytesPerSample), p.SamplesPerPixel);
        }
        return output;
    }

    static void DecodeSegment(ReadOnlySpan<byte> source, Span<byte> plane, FrameContext frame, int segment)
    {
        int input = 0, output = 0;
        while (output < plane.Length && input < source.Length)
        {
            var control = (sbyte)source[input++];
            if (control >= 0)
            {
                var count = control + 1;
                if (input + count > source.Length || output + count > plane.Length) throw frame.Fail($"RLE segment {segment + 1}: literal run past the end");
                source.Slice(input, count).CopyTo(plane[output..]);
                input += count;
                output += count;
            }
            else if (control != -128)
            {
                var count = 1 - control;
                if (input >= source.Length || output + count > plane.Length) throw frame.Fail($"RLE segment {segment + 1}: replicate run past the end");
                plane.Slice(output, count).Fill(source[input++]);
                output += count;
            }
        }
        if (output < plane.Length) throw frame.Fail($"RLE segment {segment + 1} decodes to {output} bytes, the frame needs {plane.Length}");
    }

    static void Scatter(byte[] plane, ushort[] output, int sample, int shift, int samplesPerPixel)
    {
        for (int i = 0, o = sample; i < plane.Length; i++, o += samplesPerPixel) output[o] |= (ushort)(plane[i] << shift);
    }
}
