using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Evaluation;

namespace OccluNet.Live.Training.Datasets;

/// <summary><c>dicom:DIR</c>: every ground-truth JSON of a folder (recursively) with the DICOM file of the same name beside it.</summary>
public sealed record DicomFolderSource(string Folder) : DataSource
{
    IReadOnlyList<LabelledRun>? runs;

    IReadOnlyList<LabelledRun> Labelled => runs ??= GroundTruthFile.LoadFolder(Folder);

    public override IEnumerable<RunEntry> Entries(CancellationToken cancellationToken = default) =>
        Labelled.Select(run =>
        {
            var dicom = DicomPathOf(run);
            return new RunEntry(run, new Lazy<int>(() => FrameCountOf(dicom, run)), () => RawRun.FromDicom(run, dicom));
        });

    public override IReadOnlySet<string> RunIds => Labelled.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);

    public override string ToString() => $"DICOM folder {Path.GetFullPath(Folder)}";

    static string DicomPathOf(LabelledRun run) => Path.ChangeExtension(run.SourcePath!, ".dcm");

    static int FrameCountOf(string dicom, LabelledRun run)
    {
        if (!File.Exists(dicom)) throw new FileNotFoundException($"{dicom}: no DICOM file beside the ground truth {run.SourcePath}.");
        return DicomRun.Open(dicom).Pixels.FrameCount;
    }
}
