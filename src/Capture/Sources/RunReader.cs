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
            if (run.SubtractionDescription is { } subtraction)
                logger.LogInformation("{File} is a native run: subtracted by the reader ({Subtraction})", run.File.FileName, subtraction);
            return run;
        }
        catch (DicomFileException e)
        {
            onFault(new SourceFault(Path.GetFileName(path), null, e.Message, e));
            return null;
        }
    }

    /// <summary>
    /// Parses <paramref name="bytes"/> and decodes every frame: complete when all of them decode (the file parses to its
    /// declared end). Faults are collected, not reported, so the caller decides whether an incomplete file is still arriving.
    /// </summary>
    public static RunReading ReadAll(byte[] bytes, string name, double fallbackFps)
    {
        DicomRun run;
        try
        {
            run = DicomRun.From(DicomFile.Parse(bytes, name), fallbackFps);
        }
        catch (DicomFileException e)
        {
            return new RunReading(null, [], [], e.Message);
        }
        if (!run.Pixels.Pixels.IsGrayscale)
            return new RunReading(null, [], [], $"{run.Pixels.Pixels.Photometric} colour run refused: frame sources deliver grayscale (XA) frames", Refused: true);
        var frames = new List<Frame>(run.Pixels.FrameCount);
        var faults = new List<SourceFault>();
        for (var i = 0; i < run.Pixels.FrameCount; i++)
            if (TryReadFrame(run, i, faults.Add) is { } frame) frames.Add(frame);
        return new RunReading(run, frames, faults, faults.Count == 0 ? null : $"{faults.Count} of {run.Pixels.FrameCount} frame(s) unreadable, first: {faults[0].Reason}");
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

/// <summary>A whole file read at once: the run (null when it does not open), its decodable frames, and what failed.</summary>
internal sealed record RunReading(DicomRun? Run, List<Frame> Frames, List<SourceFault> Faults, string? Problem, bool Refused = false)
{
    public bool IsComplete => Run is not null && Faults.Count == 0;
}
