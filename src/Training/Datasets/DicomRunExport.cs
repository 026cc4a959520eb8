using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OccluNet.Live.Capture.Writing;
using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;

namespace OccluNet.Live.Training.Datasets;

/// <summary>
/// Writes a labelled run as this project's DICOM + ground truth pair (&lt;run&gt;.dcm, &lt;run&gt;.json with the "truth" object
/// and, for frame-by-frame annotations, "frameBoxes"): the form `dicom:DIR` reads. Pixels are written exactly as read
/// (a JPEG frame's decode becomes the stored values, 8 bits), at a nominal frame rate (the COCO layout has no timing).
/// Never overwrites.
/// </summary>
public static class DicomRunExport
{
    public static (string Dicom, string Json) Write(RawRun run, string folder, double fps)
    {
        if (!(fps > 0)) throw new ArgumentException($"frame rate must be positive, not {fps}.");
        Directory.CreateDirectory(folder);
        string id = run.Run.RunId, dicom = Path.Combine(folder, id + ".dcm"), json = Path.Combine(folder, id + ".json");
        foreach (var path in new[] { dicom, json })
            if (File.Exists(path)) throw new IOException($"{path}: exists; convert never overwrites.");
        XaMultiFrameWriter.Write(dicom, new XaRunToWrite
        {
            StudyInstanceUid = Uid("study", id),
            SeriesInstanceUid = Uid("series", id),
            SopInstanceUid = Uid("instance", id),
            Rows = run.Height,
            Columns = run.Width,
            BitsStored = run.BitsStored,
            IsMonochrome1 = run.Monochrome1,
            Frames = run.Frames,
            FrameTimesMs = Enumerable.Range(0, run.Frames.Count).Select(i => i * 1000.0 / fps).ToArray(),
            SeriesDescription = $"converted from {Path.GetFileName(run.Run.SourcePath ?? id)}: {id}",
        });
        var doc = new Dictionary<string, object?>
        {
            [GroundTruthFile.TruthField] = run.Run.Truth,
            [GroundTruthFile.FrameBoxesField] = run.Run.FrameBoxes,
        };
        File.WriteAllText(json, JsonSerializer.Serialize(doc, DomainJson.Options) + "\n");
        return (dicom, json);
    }

    /// <summary>A UUID-derived UID (2.25.&lt;128-bit decimal&gt;, PS3.5 B.2), the same for the same run id.</summary>
    static string Uid(string kind, string runId)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes($"occlunet-convert/{kind}/{runId}"));
        return "2.25." + new BigInteger(hash, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
