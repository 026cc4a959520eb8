using OccluNet.Live.Domain;
using OccluNet.Live.Evaluation;
using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Phantom;

namespace OccluNet.Live.Training;

/// <summary>
/// A run ready for the model: its truth, the letterbox from image to model pixels, and its model inputs (one per frame,
/// or for the MinIP baseline a single MinIP image). <see cref="FrameCount"/> is the run's frame count either way.
/// </summary>
public sealed record PreparedRun(LabelledRun Run, Letterbox Letterbox, IReadOnlyList<float[]> Inputs, int FrameCount)
{
    public bool IsMinIp => Inputs.Count == 1 && FrameCount > 1;

    /// <summary>
    /// Training target of input <paramref name="index"/> in model pixels. The phantom: its fixed box while the occlusion
    /// is visible (any frame for MinIP). An annotated data set: the frame's own boxes (every annotated box for MinIP),
    /// less those <see cref="TrainingBoxRule"/> drops.
    /// </summary>
    public Model.Training.WindowTargets TargetsOf(int index)
    {
        if (Run.FrameBoxes != null)
        {
            var boxes = (IsMinIp ? Run.AllBoxes.Distinct() : Run.BoxesIn(index)).Where(b => TrainingBoxRule.Keeps(b, Run.Truth.Width, Run.Truth.Height)).ToArray();
            return boxes.Length == 0 ? Model.Training.WindowTargets.Negative : Model.Training.WindowTargets.Of(boxes.Select(b => (Letterbox.ToModel(b), 0)).ToArray());
        }
        var occlusion = Run.Truth.Occlusion;
        bool visible = occlusion != null && (IsMinIp || occlusion.IsVisibleIn(index));
        return visible ? Model.Training.WindowTargets.Of((Letterbox.ToModel(occlusion!.FixedBox), 0)) : Model.Training.WindowTargets.Negative;
    }

    public static PreparedRun FromPhantom(PhantomRun run, FramePreprocessor preprocessor, bool minIp) =>
        RawRun.FromPhantom(run).Prepare(preprocessor, minIp);

    /// <summary>A run from disk whose inputs are read on first use through <paramref name="cache"/> (bounded), not now.</summary>
    public static PreparedRun Streamed(Datasets.RunEntry entry, FramePreprocessor preprocessor, FrameCache cache) =>
        new(entry.Run, new Letterbox(entry.Run.Truth.Width, entry.Run.Truth.Height, preprocessor.InputSize),
            new StreamedInputs(entry, preprocessor, cache), entry.FrameCount.Value);

    public static PreparedRun FromFrames(LabelledRun run, IReadOnlyList<ushort[]> frames, int width, int height, int bitsStored, bool monochrome1,
        FramePreprocessor preprocessor, bool minIp)
    {
        if (frames.Count == 0) throw new ArgumentException($"run '{run.RunId}' has no frames.");
        var images = minIp ? new[] { MinIpImage.Build(frames) } : frames;
        Letterbox letterbox = default;
        var inputs = images.Select(image => preprocessor.Prepare(image, width, height, bitsStored, monochrome1, out letterbox)).ToArray();
        return new PreparedRun(run, letterbox, inputs, frames.Count);
    }
}
