using OccluNet.Live.Domain;
using OccluNet.Live.Model.Preprocessing;

namespace OccluNet.Live.Model.Checkpoints;

/// <summary>A checkpoint loaded for inference: the detector (owned: dispose it), its metadata, its preprocessing and the post-processing the detector uses.</summary>
public sealed record InferenceCheckpoint(IOcclusionDetector Detector, CheckpointMetadata Metadata, FramePreprocessor Preprocessor, Inference.DetectionSettings Settings);
