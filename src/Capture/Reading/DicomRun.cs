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

    DicomRun(DicomFile file, PixelData pixels, FrameTiming timing, SeriesInfo series)
    {
        File = file;
        Pixels = pixels;
        Timing = timing;
        Series = series;
    }

    /// <exception cref="DicomFileException">Not a readable DICOM file with pixel data.</exception>
    public static DicomRun Open(string path, double fallbackFps = FrameTiming.DefaultFps) => From(DicomFile.Open(path), fallbackFps);

    public static DicomRun From(DicomFile file, double fallbackFps = FrameTiming.DefaultFps)
    {
        var pixels = PixelData.From(file);
        var timing = FrameTiming.From(file.DataSet, pixels.FrameCount, fallbackFps);
        return new DicomRun(file, pixels, timing, DescribeSeries(file, pixels.Pixels));
    }

    static SeriesInfo DescribeSeries(DicomFile file, PixelDescription p)
    {
        var d = file.DataSet;
        var spacing = d.GetDecimal(DicomTags.ImagerPixelSpacing) ?? d.GetDecimal(DicomTags.PixelSpacing);
        return new SeriesInfo(
            d.GetString(DicomTags.SeriesInstanceUid) ?? "",
            d.GetString(DicomTags.StudyInstanceUid) ?? "",
            d.GetString(DicomTags.Modality) ?? "",
            p.Rows,
            p.Columns,
            p.BitsStored,
            p.IsMonochrome1,
            spacing,
            ProjectionView.From(d),
            d.GetDecimal(DicomTags.WindowCenter),
            d.GetDecimal(DicomTags.WindowWidth),
            file.FileName)
        {
            Instance = SourceInstance.From(d, p.NumberOfFrames),
            Positioner = Positioner.From(d),
        };
    }

    /// <summary>
    /// Frame <paramref name="index"/> as a grayscale <see cref="Frame"/> (signed data offset as Frame documents).
    /// Colour runs are refused: the pipeline is grayscale and XA is grayscale.
    /// </summary>
    /// <exception cref="DicomFileException">The frame cannot be decoded, or the run is colour.</exception>
    public Frame ReadFrame(int index)
    {
        if (!Pixels.Pixels.IsGrayscale)
            throw new DicomFileException(File.FileName, 0, DicomTags.PhotometricInterpretation, $"{Pixels.Pixels.Photometric} colour frames are not taken as grayscale frames (XA runs are MONOCHROME1/2)");
        var stored = Pixels.DecodeFrame(index);
        return new Frame(Series, index, TimeSpan.FromSeconds(Timing.Seconds[index]), stored.ToUnsignedOffset());
    }
}
