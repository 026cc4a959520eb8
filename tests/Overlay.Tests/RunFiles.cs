using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Overlay.Tests;

/// <summary>Short run files made from the shipped replay runs (also linked into the CLI tests).</summary>
internal static class RunFiles
{
    /// <summary>
    /// The first <paramref name="frames"/> frames of <paramref name="source"/> as an uncompressed XA file, cut off after
    /// <paramref name="keptFrames"/> frames' pixel data (less than <paramref name="frames"/>: a truncated run).
    /// </summary>
    public static void WriteFirstFrames(string source, string destination, int frames, double? keptFrames = null)
    {
        var run = DicomRun.Open(source);
        XaMultiFrameWriter.Write(destination, new XaRunToWrite
        {
            StudyInstanceUid = run.Series.StudyInstanceUid,
            SeriesInstanceUid = run.Series.SeriesInstanceUid,
            SopInstanceUid = run.Series.SeriesInstanceUid + ".9",
            Rows = run.Series.Rows,
            Columns = run.Series.Columns,
            BitsStored = run.Series.BitsStored,
            Frames = Enumerable.Range(0, frames).Select(i => run.ReadFrame(i).Pixels).ToArray(),
            FrameTimesMs = Enumerable.Range(0, frames).Select(i => run.Timing.Seconds[i] * 1000).ToArray(),
        });
        if (keptFrames is not double kept || kept >= frames) return;
        long frameBytes = 2L * run.Series.Rows * run.Series.Columns;
        using var stream = new FileStream(destination, FileMode.Open);
        stream.SetLength(stream.Length - (long)((frames - kept) * frameBytes));
    }
}
