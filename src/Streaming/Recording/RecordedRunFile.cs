using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Capture.Writing;

namespace OccluNet.Live.Streaming.Recording;

/// <summary>
/// What a recorded run's DICOM file holds: the frames as received with the run's series and geometry, frame times from
/// the frames' own (never back in time), a SOP Instance UID derived from the series and the run number. Used by the
/// recorder (<see cref="RunRecorder"/>, its repair) and by the drop-folder soak to write runs a sender would send.
/// </summary>
public static class RecordedRunFile
{
    public static XaRunToWrite ToXaRun(SeriesInfo series, IReadOnlyList<Frame> frames, int run)
    {
        TimeSpan first = frames[0].Time;
        var times = new double[frames.Count];
        for (int i = 0; i < frames.Count; i++)
            times[i] = Math.Max(i > 0 ? times[i - 1] : 0, (frames[i].Time - first).TotalMilliseconds); // never back in time
        string seriesUid = DicomUids.Valid(series.SeriesInstanceUid);
        return new XaRunToWrite
        {
            StudyInstanceUid = DicomUids.Valid(series.StudyInstanceUid),
            SeriesInstanceUid = seriesUid,
            SopInstanceUid = DicomUids.Derived($"{seriesUid}/recorded/{run}"),
            Rows = series.Rows,
            Columns = series.Columns,
            BitsStored = series.BitsStored,
            IsMonochrome1 = series.IsMonochrome1,
            Frames = frames.Select(f => f.Pixels).ToArray(),
            FrameTimesMs = times,
            ImagerPixelSpacingMm = series.PixelSpacingMm,
            PositionerPrimaryAngleDeg = series.Positioner?.PrimaryAngleDeg,
            PositionerSecondaryAngleDeg = series.Positioner?.SecondaryAngleDeg,
            ViewPosition = series.Positioner?.ViewPosition,
            WindowCenter = series.WindowCenter,
            WindowWidth = series.WindowWidth,
            SeriesDescription = "OccluNet.Live recording",
        };
    }
}
