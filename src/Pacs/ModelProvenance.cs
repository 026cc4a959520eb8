using OccluNet.Live.Domain;
using OccluNet.Live.Model.Checkpoints;
using OccluNet.Live.Model.Inference;

namespace OccluNet.Live.Pacs;

/// <summary>
/// Which algorithm made a result: the model's name and variant, the SHA-256 of its weights, its operating point (the
/// detector score threshold, the trajectory points a box needs when more than one, and how they were chosen) and this
/// program's version. Every object states it.
/// </summary>
public sealed record ModelProvenance(string Name, string Variant, string WeightsSha256, double ScoreThreshold, string OperatingPoint, string SoftwareVersion)
{
    /// <param name="settings">The post-processing in use (the checkpoint's operating point unless overridden).</param>
    public static ModelProvenance Of(DetectorInfo info, CheckpointMetadata metadata, DetectionSettings settings)
    {
        string point = metadata.OperatingPoint is { } op && op.ScoreThreshold == settings.ScoreThreshold && op.MinPoints == settings.MinTrajectoryPoints
            ? $"{settings.FindingRule} ({op.Criterion} on {op.Data})"
            : $"{settings.FindingRule} (no operating point in the checkpoint, or overridden)";
        return new ModelProvenance(info.ModelId, metadata.Architecture, info.WeightsSha256, Math.Round((double)settings.ScoreThreshold, 4), point, ThisSoftware);
    }

    /// <summary>This program's version (the assembly's informational version).</summary>
    public static string ThisSoftware { get; } =
        typeof(ModelProvenance).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";
}
