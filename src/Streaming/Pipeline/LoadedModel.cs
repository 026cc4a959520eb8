using OccluNet.Live.Domain;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Runtime;

namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>A checkpoint ready for the pipeline: the streaming detector and the preprocessing recorded with its weights.</summary>
public sealed class LoadedModel : IDisposable
{
    LoadedModel(IOcclusionDetector detector, IInputPreparer preparer, CheckpointMetadata metadata, float scoreThreshold)
    {
        Detector = detector;
        Preparer = preparer;
        Metadata = metadata;
        ScoreThreshold = scoreThreshold;
    }

    public IOcclusionDetector Detector { get; }
    public IInputPreparer Preparer { get; }

    /// <summary>What the checkpoint says it is (variant, operating point, training data), for the provenance of results.</summary>
    public CheckpointMetadata Metadata { get; }

    /// <summary>The detector's score threshold in use.</summary>
    public float ScoreThreshold { get; }

    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Not an OccluNet checkpoint (the message names the file).</exception>
    public static LoadedModel Load(string path, EngineChoice engine)
    {
        InferenceCheckpoint checkpoint = Checkpoint.LoadForInference(path, engine);
        return new LoadedModel(checkpoint.Detector, new ModelInputPreparer(checkpoint.Preprocessor), checkpoint.Metadata, checkpoint.Settings.ScoreThreshold);
    }

    public void Dispose() => Detector.Dispose();
}
