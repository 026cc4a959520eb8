using OccluNet.Live.Capture.Dicom;
using OccluNet.Live.Capture.Imaging;
using OccluNet.Live.Capture.Sources;

namespace OccluNet.Live.Capture.Reading;

/// <summary>
/// One DICOM file seen as a run of frames: its pixel data (decoded lazily), timing and what the pipeline needs to
/// know about the series.
/// </summary>
public sealed class DicomRun
{
    public DicomFile File { get; }
    public PixelData Pixels { get; }
    public FrameTiming Timing { get; }
    public SeriesInfo Series { get; }

    /// <summary>A native run's subtraction (its Mask Subtraction Sequence); null when the frames are delivered as stored.</summary>
    internal MaskSubtraction? Subtraction { get; }

    /// <summary>How a native run is subtracted, for the log; null when frames are delivered as stored.</summary>
    public string? SubtractionDescription => Subtraction?.ToString();

    DicomRun(DicomFile file, PixelData pixels, FrameTiming timing, SeriesInfo series, MaskSubtraction? subtraction)
    {
        File = file;
        Pixels = pixels;
        Timing = timing;
        Series = series;
        Subtraction = subtraction;
    }

    /// <exception cref="DicomFileException">Not a readable DICOM file with pixel data.</exception>
    public static DicomRun Open(string path, double fallbackFps = FrameTiming.DefaultFps) => From(DicomFile.Open(path), fallbackFps);

    /// <exception cref="DicomFileException">Not a readable DICOM file with pixel data, or a native run this reader cannot subtract.</exception>
    public static DicomRun From(DicomFile file, double fallbackFps = FrameTiming.DefaultFps)
    {
        var pixels = PixelData.From(file);
        var timing = FrameTiming.From(file.DataSet, pixels.FrameCount, fallbackFps);
        var subtraction = MaskSubtraction.From(file.DataSet, pixels.Pixels, file.FileName, pixels.DecodeFrame);
        return new DicomRun(file, pixels, timing, DescribeSeries(file, pixels.Pixels, subtracted: subtraction != null), subtraction);
    }

    /// <param name="subtracted">The reader subtracts the run: its frames arrive MONOCHROME2 and the file's window (set for native frames) no longer fits them.</param>
    static SeriesInfo DescribeSeries(DicomFile file, PixelDescription p, bool subtracted)
    {
        var d = file.DataSet;
        var spacing = d.GetDecimal(DicomTags.ImagerPixelSpacing) ?? d.GetDecimal(DicomTags.PixelSpacing);
        (bool IsMonochrome1, double? WindowCenter, double? WindowWidth) stored = (p.IsMonochrome1, d.GetDecimal(DicomTags.WindowCenter), d.GetDecimal(DicomTags.WindowWidth));
        return new SeriesInfo(
            d.GetString(DicomTags.SeriesInstanceUid) ?? "",
            d.GetString(DicomTags.StudyInstanceUid) ?? "",
            d.GetString(DicomTags.Modality) ?? "",
            p.Rows,
            p.Columns,
            p.BitsStored,
            stored.IsMonochrome1 && !subtracted,
            spacing,
            ProjectionView.From(d),
            subtracted ? null : stored.WindowCenter,
            subtracted ? null : stored.WindowWidth,
            file.FileName)
        {
            Instance = SourceInstance.From(d, p.NumberOfFrames) with { StoredDisplay = stored },
            Positioner = Positioner.From(d),
        };
    }

    /// <summary>
    /// Frame <paramref name="index"/> as a grayscale <see cref="Frame"/> (signed data offset as Frame documents).
    /// Colour runs are refused: the pipeline is grayscale and XA is grayscale. A native run with a Mask Subtraction
    /// Sequence is delivered subtracted (<see cref="MaskSubtraction"/>).
    /// </summary>
    /// <exception cref="DicomFileException">The frame cannot be decoded, or the run is colour.</exception>
    public Frame ReadFrame(int index)
    {
        if (!Pixels.Pixels.IsGrayscale)
            throw new DicomFileException(File.FileName, 0, DicomTags.PhotometricInterpretation, $"{Pixels.Pixels.Photometric} colour frames are not taken as grayscale frames (XA runs are MONOCHROME1/2)");
        var stored = Pixels.DecodeFrame(index);
        var pixels = Subtraction is { } subtraction ? subtraction.Apply(stored) : stored.ToUnsignedOffset();
        return new Frame(Series, index, TimeSpan.FromSeconds(Timing.Seconds[index]), pixels);
    }
}
