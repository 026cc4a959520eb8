using Microsoft.Extensions.Logging;
using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Reading;

namespace OccluNet.Live.Capture.Sources;

/// <summary>Opening runs and reading frames with faults reported instead of thrown (shared by the replay and drop-folder sources).</summary>
internal static class RunReader
{
    public static DicomRun? TryOpen(string path, double fallbackFps, Action<SourceFault> onFault, ILogger logger)
    {
        try
        {
            var run = DicomRun.Open(path, fallbackFps);
            if (!run.Pixels.Pixels.IsGrayscale)
            {
                onFault(new SourceFault(Path.GetFileName(path), null, $"{run.Pixels.Pixels.Photometric} colour run refused: frame sources deliver grayscale (XA) frames"));
                return null;
            }
            logger.LogInformation("Replaying {File}: {Frames} frames, {Rows}x{Columns}, timing from {Timing}", run.File.FileName, run.Pixels.FrameCount, run.Series.Rows, run.Series.Columns, run.Timing.Source);
            return run;
        }
        catch (DicomFileException e)
        {
            onFault(new SourceFault(Path.GetFileName(path), null, e.Message, e));
            return null;
        }
    }

    public static Frame? TryReadFrame(DicomRun run, int index, Action<SourceFault> onFault)
    {
        try
        {
            return run.ReadFrame(index);
        }
        catch (DicomFileException e)
        {
            onFault(new SourceFault(run.File.FileName, index, e.Message, e));
            return null;
        }
    }
}
