using OccluNet.Live.Capture.Dicom;

namespace OccluNet.Live.Capture.Reading;

/// <summary>What `occlunet dicom info` shows about a file (no patient identity); <see cref="Subtraction"/>: how the reader subtracts a native run, null when frames are delivered as stored.</summary>
public sealed record DicomRunSummary(
    string File,
    string TransferSyntaxUid,
    string TransferSyntax,
    bool HasFileMeta,
    string? SopClassUid,
    string Modality,
    int Rows,
    int Columns,
    int Frames,
    int SamplesPerPixel,
    int BitsAllocated,
    int BitsStored,
    int HighBit,
    bool Signed,
    string Photometric,
    string TimingSource,
    double? FramesPerSecond,
    double DurationSeconds,
    string? View,
    double? PositionerPrimaryAngleDeg,
    double? PositionerSecondaryAngleDeg,
    double? PixelSpacingMm,
    string SeriesInstanceUid,
    string StudyInstanceUid,
    string? Subtraction)
{
    public static DicomRunSummary Of(DicomRun run)
    {
        var p = run.Pixels.Pixels;
        var d = run.File.DataSet;
        return new DicomRunSummary(
            run.File.FileName, run.File.TransferSyntax.Uid, run.File.TransferSyntax.Name, run.File.HasFileMeta,
            d.GetString(DicomTags.SopClassUid), run.Series.Modality, p.Rows, p.Columns, p.NumberOfFrames, p.SamplesPerPixel,
            p.BitsAllocated, p.BitsStored, p.HighBit, p.IsSigned, p.Photometric, run.Timing.Source.ToString(),
            run.Timing.FramesPerSecond, run.Timing.Seconds[^1], run.Series.View,
            d.GetDecimal(DicomTags.PositionerPrimaryAngle), d.GetDecimal(DicomTags.PositionerSecondaryAngle),
            run.Series.PixelSpacingMm, run.Series.SeriesInstanceUid, run.Series.StudyInstanceUid, run.SubtractionDescription);
    }
}
