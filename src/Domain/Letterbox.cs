namespace OccluNet.Live.Domain;

/// <summary>
/// The geometric map between an original image and a square model input: uniform scale, then pad at right and bottom
/// (the YOLOX convention). Boxes go to the model with <see cref="ToModel"/> and come back with <see cref="ToImage(Box)"/>.
/// </summary>
public readonly record struct Letterbox(int ImageWidth, int ImageHeight, int InputSize)
{
    public float Scale => Math.Min((float)InputSize / ImageWidth, (float)InputSize / ImageHeight);
    public int ScaledWidth => (int)MathF.Round(ImageWidth * Scale);
    public int ScaledHeight => (int)MathF.Round(ImageHeight * Scale);

    /// <summary>The image part of the input (the rest is pad): the scaled size, at least 1 and at most the input.</summary>
    public int ContentWidth => Math.Clamp(ScaledWidth, 1, InputSize);
    public int ContentHeight => Math.Clamp(ScaledHeight, 1, InputSize);

    public Box ToModel(Box imageBox) => imageBox.Scale(Scale);
    public Box ToImage(Box modelBox) => modelBox.Scale(1f / Scale);

    /// <summary>A frame's detections with their boxes in image pixels: the one mapping the live pipeline and the offline runs share.</summary>
    public FrameDetections ToImage(FrameDetections modelDetections)
    {
        var letterbox = this;
        return modelDetections with { Detections = modelDetections.Detections.Select(d => d with { Box = letterbox.ToImage(d.Box) }).ToArray() };
    }
}
