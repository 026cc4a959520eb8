using JpegLibrary;

namespace OccluNet.Live.Capture.Codecs;

/// <summary>
/// Copies JpegLibrary's decoded 8x8 blocks of the first component (grey, or the luma Y of a colour JPEG: what libjpeg's
/// grayscale output and so OpenCV's IMREAD_GRAYSCALE give) into a row-major image, clipped to the image and clamped to
/// 0..maxValue (its IDCT overshoots).
/// </summary>
internal sealed class JpegGrayBlockWriter(ushort[] output, int width, int height, int maxValue) : JpegBlockOutputWriter
{
    public override void WriteBlock(ref short blockRef, int componentIndex, int x, int y)
    {
        if (componentIndex != 0) return;
        var block = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref blockRef, 64);
        var rows = Math.Min(8, height - y);
        var columns = Math.Min(8, width - x);
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < columns; c++)
            output[(y + r) * width + x + c] = (ushort)Math.Clamp((int)block[r * 8 + c], 0, maxValue);
    }
}
