using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Reading;

namespace OccluNet.Live.Capture.Tests.Fuzzing;

/// <summary>Everything a user of the reader does with a file; only <see cref="DicomFileException"/> may come out.</summary>
internal static class ReaderTarget
{
    public const int MaxFramesDecoded = 3;

    /// <returns>True when the input was read and decoded, false when it was refused with the documented exception.</returns>
    public static bool Run(byte[] bytes)
    {
        try
        {
            var file = DicomFile.Parse(bytes, "fuzz.dcm");
            _ = DicomRunSummaryOrNull(file);
            var pixels = PixelData.From(file);
            for (var f = 0; f < Math.Min(pixels.FrameCount, MaxFramesDecoded); f++)
            {
                try { FrameChecksum.Of(pixels.DecodeFrame(f)); }
                catch (DicomFileException) { }
            }
            return true;
        }
        catch (DicomFileException)
        {
            return false;
        }
    }

    static DicomRunSummary? DicomRunSummaryOrNull(DicomFile file)
    {
        if (!file.DataSet.Contains(DicomTags.PixelData)) return null;
        try { return DicomRunSummary.Of(DicomRun.From(file)); }
        catch (DicomFileException) { return null; }
    }
}
