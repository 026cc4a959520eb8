using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;

namespace OccluNet.Live.Training;

/// <summary>A detector over prepared runs, judged by the sequence metric: the one path of validation and `occlunet eval`.</summary>
internal static class ModelEvaluation
{
    public static EvaluationReport Evaluate(IOcclusionDetector detector, IEnumerable<PreparedRun> runs, EvaluationOptions? options = null,
        IProgress<RunOutcome>? progress = null, CancellationToken cancellationToken = default) =>
        SequenceEvaluator.Evaluate(
            runs.Select(r => new RunPrediction(r.Run, RunDetection.Detect(detector, r, cancellationToken))),
            options, progress, cancellationToken);
}
