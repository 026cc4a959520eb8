using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Imaging;

namespace OccluNet.Live.Capture.Codecs;

/// <summary>Where the frame being decoded lives, so codecs can name it in their errors.</summary>
internal sealed record FrameContext(string FileName, long Offset, int FrameIndex, PixelDescription Pixels)
{
    public DicomFileException Fail(string reason, Exception? inner = null) =>
        new(FileName, Offset, DicomTags.PixelData, $"frame {FrameIndex + 1}: {reason}", inner);
}
