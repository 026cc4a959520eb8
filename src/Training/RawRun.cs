using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Phantom;

namespace OccluNet.Live.Training;

/// <summary>
/// A labelled run's stored frames, from a DICOM file beside its ground-truth JSON or from the phantom in memory.
/// <see cref="FrameSeconds"/>: each frame's acquisition time from the first (the DICOM timing, the phantom's frame
/// times); null where the source has none (COCO).
/// </summary>
public sealed record RawRun(LabelledRun Run, IReadOnlyList<ushort[]> Frames, int Width, int Height, int BitsStored, bool Monochrome1)
{
    public IReadOnlyList<double>? FrameSeconds { get; init; }

    public PreparedRun Prepare(FramePreprocessor preprocessor, bool minIp) =>
        PreparedRun.FromFrames(Run, Frames, Width, Height, BitsStored, Monochrome1, preprocessor, minIp);

    public static RawRun FromPhantom(PhantomRun run) =>
        new(new LabelledRun(run.Truth, run.GroundTruth.MinipDifficulty), run.Frames, run.Width, run.Height, run.BitsStored, false)
        {
            FrameSeconds = run.FrameTimesMs.Select(ms => ms / 1000.0).ToArray(),
        };

    public static RawRun FromDicom(LabelledRun run, string dicomPath)
    {
        if (!File.Exists(dicomPath)) throw new FileNotFoundException($"{dicomPath}: no DICOM file beside the ground truth {run.SourcePath}.");
        var dicom = DicomRun.Open(dicomPath);
        var series = dicom.Series;
        if (series.Columns != run.Truth.Width || series.Rows != run.Truth.Height)
            throw new InvalidDataException($"{dicomPath}: {series.Columns} x {series.Rows} pixels, its ground truth says {run.Truth.Width} x {run.Truth.Height}.");
        var frames = Enumerable.Range(0, dicom.Pixels.FrameCount).Select(i => dicom.ReadFrame(i).Pixels).ToArray();
        return new RawRun(run, frames, series.Columns, series.Rows, series.BitsStored, series.IsMonochrome1) { FrameSeconds = dicom.Timing.Seconds };
    }
}
