using System.Text.Json;
using OccluNet.Live.Capture.Writing;
using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Phantom.Output;

/// <summary>
/// Writes a generated run as an XA multi-frame DICOM file (through the Capture writer) and its ground-truth JSON
/// beside it: &lt;run id&gt;.dcm and &lt;run id&gt;.json. Both depend only on the run, so writing twice gives identical bytes.
/// </summary>
public static class RunWriter
{
    public static (string Dicom, string Json) Write(PhantomRun run, string directory, bool deflate)
    {
        Directory.CreateDirectory(directory);
        string dicom = Path.Combine(directory, run.RunId + ".dcm");
        string json = Path.Combine(directory, run.RunId + ".json");
        XaMultiFrameWriter.Write(dicom, ToXa(run, deflate));
        File.WriteAllText(json, JsonSerializer.Serialize(run.GroundTruth, DomainJson.Options) + "\n");
        return (dicom, json);
    }

    public static XaRunToWrite ToXa(PhantomRun run, bool deflate)
    {
        var g = run.GroundTruth;
        var acq = g.Parameters.Acquisition;
        int fullScale = (1 << run.BitsStored) - 1;
        return new XaRunToWrite
        {
            StudyInstanceUid = PhantomUids.Study(g.Seed),
            SeriesInstanceUid = PhantomUids.Series(g.Seed, g.View),
            SopInstanceUid = PhantomUids.Instance(g.Seed, g.View),
            Rows = run.Height,
            Columns = run.Width,
            BitsStored = run.BitsStored,
            Frames = run.Frames,
            FrameTimesMs = run.FrameTimesMs,
            PositionerPrimaryAngleDeg = Math.Round(acq.View == PhantomView.Ap ? acq.HeadYawDeg : (acq.RightSide ? -90 : 90) + acq.HeadYawDeg, 1),
            PositionerSecondaryAngleDeg = Math.Round(acq.TiltDeg + acq.HeadPitchDeg, 1),
            ImagerPixelSpacingMm = Math.Round(run.PixelSpacingMm * acq.Magnification, 4),
            WindowCenter = g.MaskFrame != null ? Math.Round(fullScale * 0.5) : Math.Round(g.Parameters.Image.BackgroundLevel * fullScale * 0.7),
            WindowWidth = g.MaskFrame != null ? fullScale : Math.Round(g.Parameters.Image.BackgroundLevel * fullScale * 1.4),
            SeriesDescription = $"OccluNet phantom {g.Category} {g.Truth.View} seed {g.Seed}" + (g.Parameters.PhantomVersion == 1 ? "" : " v2"),
            MaskFrameNumber = g.MaskFrame is { } mask ? mask + 1 : null,
            Deflate = deflate,
        };
    }
}
