using OccluNet.Live.Domain;
using OccluNet.Live.Model.Preprocessing;

namespace OccluNet.Live.Model.Checkpoints;

/// <summary>A checkpoint loaded for inference: the detector (owned: dispose it), its metadata and its preprocessing.</summary>
public sealed record InferenceCheckpoint(IOcclusionDetector Detector, CheckpointMetadata Metadata, FramePreprocessor Preprocessor);
