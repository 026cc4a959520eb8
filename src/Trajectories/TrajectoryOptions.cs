namespace OccluNet.Live.Trajectories;

/// <summary>
/// How detections are linked into trajectories. Distances (<see cref="LinkRadius"/>, <see cref="ContainmentMargin"/>) are in the pixel
/// space of the detections fed to the tracker. The defaults are the paper's values in the 640 x 640 model-input space; when the
/// detections are in image pixels, use <see cref="ForImage"/> to convert the distances.
/// </summary>
public sealed record TrajectoryOptions
{
    /// <summary>The model-input side the default distances refer to (OccluNet's 640).</summary>
    public const int ReferenceInputSize = 640;

    /// <summary>Detections considered per frame: the <c>TopK</c> highest scores (the paper and the authors' scripts: 1).</summary>
    public int TopK { get; init; } = 1;

    public LinkRule Link { get; init; } = LinkRule.CentreWithinRadius;

    /// <summary>Largest centre-to-centre distance of <see cref="LinkRule.CentreWithinRadius"/> (paper: 25 px in 640-space).</summary>
    public float LinkRadius { get; init; } = 25f;

    /// <summary>Box enlargement of <see cref="LinkRule.BoxContainsPreviousCentre"/> (authors' call: 1 px in 640-space).</summary>
    public float ContainmentMargin { get; init; } = 1f;

    /// <summary>Frames a trajectory may skip without a linked detection and still continue (0: the next frame must link).</summary>
    public int MaxGap { get; init; }

    /// <summary>Detections scoring below this are ignored (the detector's score threshold of the paper, 0.01).</summary>
    public float MinScore { get; init; } = 0.01f;

    /// <summary>
    /// Points a trajectory needs before it can be the run's finding (1: the paper; a single detection counts). More
    /// points keep a one- or two-frame blip from boxing a run, at the price of showing a true finding that many points
    /// later; a model's operating point may carry it (docs/evaluation.md "Minimum points").
    /// </summary>
    public int MinPoints { get; init; } = 1;

    /// <summary>The paper's rules: top-1, centres within 25 px (640-space), no gaps.</summary>
    public static TrajectoryOptions Paper { get; } = new();

    /// <summary>
    /// The frames the live view lets a trajectory skip: one or two missed detections (a frame the model scored below its
    /// threshold, a skipped window) do not restart the finding. The paper's rule (<see cref="Paper"/>) has none.
    /// </summary>
    public const int LiveMaxGap = 2;

    /// <summary>
    /// The live rule: the paper's, with gaps of up to <see cref="LiveMaxGap"/> frames bridged. The replay and live
    /// pipelines default to it; <c>occlunet eval</c> reports it beside the paper's.
    /// </summary>
    public static TrajectoryOptions Live { get; } = new() { MaxGap = LiveMaxGap };

    /// <summary>The authors' code (temp_cont.py main): top-1, previous centre inside the next box enlarged by 1 px (640-space), no gaps.</summary>
    public static TrajectoryOptions AuthorsCode { get; } = new() { Link = LinkRule.BoxContainsPreviousCentre };

    /// <summary>These rules with <paramref name="detector"/>'s own minimum of points (its operating point's; 1 without one).</summary>
    public TrajectoryOptions For(Domain.DetectorInfo detector) => this with { MinPoints = detector.MinTrajectoryPoints };

    /// <summary>
    /// The same rules with the distances converted from a <paramref name="inputSize"/> model input to the pixels of a
    /// <paramref name="imageWidth"/> x <paramref name="imageHeight"/> image (the letterbox scale: longer side to the input side).
    /// E.g. 25 px at 640 becomes 40 px for a 1024 x 1024 image.
    /// </summary>
    public TrajectoryOptions ForImage(int imageWidth, int imageHeight, int inputSize = ReferenceInputSize)
    {
        float factor = ModelToImageFactor(imageWidth, imageHeight, inputSize);
        return this with { LinkRadius = LinkRadius * factor, ContainmentMargin = ContainmentMargin * factor };
    }

    /// <summary>Image pixels per model-input pixel for the letterbox of an image of the given size (max side / input side).</summary>
    public static float ModelToImageFactor(int imageWidth, int imageHeight, int inputSize = ReferenceInputSize)
    {
        if (imageWidth <= 0 || imageHeight <= 0) throw new ArgumentOutOfRangeException(nameof(imageWidth), $"image size {imageWidth} x {imageHeight} must be positive");
        if (inputSize <= 0) throw new ArgumentOutOfRangeException(nameof(inputSize), $"input size {inputSize} must be positive");
        return 1f / new Domain.Letterbox(imageWidth, imageHeight, inputSize).Scale;
    }

    /// <summary>Throws when a value makes no sense (so that a bad option is named, not silently used).</summary>
    public void Validate()
    {
        if (TopK < 1) throw new ArgumentOutOfRangeException(nameof(TopK), $"TopK must be at least 1 (was {TopK})");
        if (MinPoints < 1) throw new ArgumentOutOfRangeException(nameof(MinPoints), $"MinPoints must be at least 1 (was {MinPoints})");
        if (MaxGap < 0) throw new ArgumentOutOfRangeException(nameof(MaxGap), $"MaxGap must be 0 or more (was {MaxGap})");
        if (!(LinkRadius >= 0) || float.IsInfinity(LinkRadius)) throw new ArgumentOutOfRangeException(nameof(LinkRadius), $"LinkRadius must be a finite distance >= 0 (was {LinkRadius})");
        if (!(ContainmentMargin >= 0) || float.IsInfinity(ContainmentMargin)) throw new ArgumentOutOfRangeException(nameof(ContainmentMargin), $"ContainmentMargin must be a finite distance >= 0 (was {ContainmentMargin})");
        if (!(MinScore >= 0) || float.IsInfinity(MinScore)) throw new ArgumentOutOfRangeException(nameof(MinScore), $"MinScore must be a finite value >= 0 (was {MinScore})");
        if (!Enum.IsDefined(Link)) throw new ArgumentOutOfRangeException(nameof(Link), $"unknown link rule {Link}");
    }

    /// <summary>Whether <paramref name="candidate"/> continues a trajectory whose last centre is (<paramref name="x"/>, <paramref name="y"/>).</summary>
    internal bool Links(float x, float y, Domain.Box candidate) => Link switch
    {
        LinkRule.CentreWithinRadius => Distance(x, y, candidate.CenterX, candidate.CenterY) <= LinkRadius,
        _ => candidate.X1 - ContainmentMargin <= x && x <= candidate.X2 + ContainmentMargin
             && candidate.Y1 - ContainmentMargin <= y && y <= candidate.Y2 + ContainmentMargin,
    };

    static float Distance(float x1, float y1, float x2, float y2) => MathF.Sqrt((x1 - x2) * (x1 - x2) + (y1 - y2) * (y1 - y2));
}
