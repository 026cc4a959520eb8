using OccluNet.Live.Capture.Sources;
using OccluNet.Live.Domain;
using OccluNet.Live.Model.Preprocessing;

namespace OccluNet.Live.Streaming.Pipeline;

/// <summary>The model's own preprocessing (letterbox, bilinear, normalisation) as the pipeline's preprocess step: one code path with training and eval.</summary>
public sealed class ModelInputPreparer : IInputPreparer
{
    readonly FramePreprocessor preprocessor;

    public ModelInputPreparer(FramePreprocessor preprocessor) => this.preprocessor = preprocessor;

    public ModelInputPreparer(int inputSize, InputNormalisation? normalisation = null)
        : this(new FramePreprocessor(inputSize, normalisation ?? InputNormalisation.Default))
    {
    }

    public int InputSize => preprocessor.InputSize;

    public Letterbox Prepare(Frame frame, Span<float> destination)
    {
        SeriesInfo s = frame.Series;
        return preprocessor.Prepare(frame.Pixels, s.Columns, s.Rows, s.BitsStored, s.IsMonochrome1, destination);
    }
}
