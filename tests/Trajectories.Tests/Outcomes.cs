using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;

namespace OccluNet.Live.Trajectories.Tests;

/// <summary>Run outcomes for table and McNemar tests, built through the real evaluator from tiny runs.</summary>
static class Outcomes
{
    /// <summary>A 640 x 640 run with an occlusion of <paramref name="cls"/> at (320, 320) visible in frames 0..1, found or not.</summary>
    public static RunOutcome Positive(string id, bool found, OcclusionClass cls = OcclusionClass.M1, double? difficulty = null)
    {
        var occlusion = new OcclusionTruth(cls, 320, 320, Box.FromCenter(320, 320, 10, 10), Box.FromCenter(320, 320, 25, 25), 0, 1);
        var run = new LabelledRun(new RunTruth(id, 640, 640, "AP", occlusion), difficulty);
        float x = found ? 320 : 100;
        return SequenceEvaluator.Judge(new RunPrediction(run, Detections.Run(Detections.At(x, 320, 0.8f))), EvaluationOptions.Paper);
    }

    /// <summary>A run without occlusion, with or without a false alarm.</summary>
    public static RunOutcome Negative(string id, bool alarm, double? difficulty = null)
    {
        var run = new LabelledRun(new RunTruth(id, 640, 640, "AP", null), difficulty);
        Detection?[] frames = alarm ? new Detection?[] { Detections.At(200, 200, 0.5f) } : new Detection?[] { null };
        return SequenceEvaluator.Judge(new RunPrediction(run, Detections.Run(frames)), EvaluationOptions.Paper);
    }
}
