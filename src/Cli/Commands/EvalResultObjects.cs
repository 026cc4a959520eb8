using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Pacs;
using OccluNet.Live.Training;

namespace OccluNet.Live.Cli.Commands;

/// <summary>
/// eval --results DIR: each run's result as the live pipeline would state it (the same tracker fed frame by frame, the
/// same finding rule), written as a GSPS and an SR referencing the run's DICOM file.
/// </summary>
internal sealed class EvalResultObjects(string folder, EvaluatedModel model, EvaluationOptions metric)
{
    readonly ModelProvenance provenance = ModelProvenance.Of(model.Detector.Info, model.Metadata, model.Settings);

    public void Write(RawRun run, RunPrediction prediction)
    {
        string dicom = Path.ChangeExtension(run.Run.SourcePath!, ".dcm");
        var series = DicomRun.Open(dicom).Series;
        var options = model.OwnRule(metric).Trajectories.ForImage(run.Width, run.Height, metric.ModelInputSize);
        var finding = FindingFollower.Follow(prediction.Frames, options).Finding(model.Detector.Info.Classes);
        var image = RunImage.From(series, run.Frames.Count, Capture.Writing.DicomUids.UuidRoot);
        foreach (string substitution in image.Substitutions) Console.WriteLine($"pacs: {image.SourceName}: {substitution}");
        var objects = ResultObjects.Write(new RunResult(image, finding, provenance, DateTimeOffset.Now), folder);
        Console.Error.WriteLine($"  pacs: {image.SourceName}: {string.Join(" + ", objects.Select(o => Path.GetFileName(o.Path)))} ({(finding is null ? "no finding" : $"{finding.ClassName} {Math.Round(finding.Confidence * 100):0} %")})");
    }
}
