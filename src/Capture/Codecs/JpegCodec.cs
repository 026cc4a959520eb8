using JpegLibrary;
using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Codecs;

/// <summary>
/// JPEG in DICOM: lossless process 14 (SOF3) by <see cref="JpegLosslessDecoder"/>; baseline and extended DCT (SOF0/1,
/// 8 or 12 bits, grayscale) by JpegLibrary, with the output clamped to the sample precision (its IDCT overshoots).
/// </summary>
internal sealed class JpegCodec : IFrameCodec
{
    public ushort[] Decode(ReadOnlySpan<byte> data, FrameContext frame)
    {
        var sof = FindStartOfFrame(data, frame);
        if (sof == 0xC3) return JpegLosslessDecoder.Decode(data, frame);
        if (sof is not (0xC0 or 0xC1)) throw frame.Fail($"JPEG frame type SOF{sof - 0xC0} is not supported (baseline, extended or lossless only)");
        JpegSegments.CheckHuffmanTables(data, frame);
        return DecodeDct(data.ToArray(), frame);
    }

    static int FindStartOfFrame(ReadOnlySpan<byte> data, FrameContext frame)
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8) throw frame.Fail("JPEG data does not start with SOI");
        for (var i = 2; i + 1 < data.Length; i++)
            if (data[i] == 0xFF && data[i + 1] is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC)) return data[i + 1];
        throw frame.Fail("JPEG data holds no frame header (SOF)");
    }

    static ushort[] DecodeDct(byte[] data, FrameContext frame)
    {
        var p = frame.Pixels;
        try
        {
            var decoder = new JpegDecoder();
            decoder.SetInput(data);
            decoder.Identify();
            if (decoder.Width != p.Columns || decoder.Height != p.Rows)
                throw frame.Fail($"JPEG frame is {decoder.Width}x{decoder.Height}, the pixel module says {p.Columns}x{p.Rows}");
            if (decoder.NumberOfComponents != 1 || p.SamplesPerPixel != 1)
                throw frame.Fail("lossy colour JPEG is not supported (XA is grayscale)");
            var output = new ushort[p.Columns * p.Rows];
            decoder.SetOutputWriter(new JpegGrayBlockWriter(output, p.Columns, p.Rows, (1 << decoder.Precision) - 1));
            decoder.Decode();
            return output;
        }
        catch (Exception e) when (e is not DicomFileException)
        {
            // JpegLibrary is a third-party decoder: on damaged data it throws whatever it hits (found by fuzzing:
            // DivideByZeroException for a zero sampling factor). At this boundary every such failure is a corrupt frame.
            throw frame.Fail($"corrupt JPEG data: {e.Message}", e);
        }
    }
}
