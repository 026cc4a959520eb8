using OccluNet.Live.Domain;

namespace OccluNet.Live.Model.Preprocessing;

/// <summary>
/// Grey stored values to the model's square input: keep aspect ratio, bilinear resize (OpenCV INTER_LINEAR: half-pixel
/// centres, no antialiasing), paste at the top-left, pad right and bottom (the YOLOX letterbox), then normalise.
/// Returns the <see cref="Letterbox"/> that maps model boxes back to image pixels.
/// </summary>
public sealed class FramePreprocessor
{
    public FramePreprocessor(int inputSize, InputNormalisation normalisation)
    {
        if (inputSize < 32 || inputSize % 32 != 0) throw new ArgumentException($"input size must be a positive multiple of 32, not {inputSize}.");
        InputSize = inputSize;
        Normalisation = normalisation;
    }

    public int InputSize { get; }
    public InputNormalisation Normalisation { get; }

    public float[] Prepare(ReadOnlySpan<ushort> stored, int width, int height, int bitsStored, bool monochrome1, out Letterbox letterbox)
    {
        var destination = new float[InputSize * InputSize];
        letterbox = Prepare(stored, width, height, bitsStored, monochrome1, destination);
        return destination;
    }

    public Letterbox Prepare(ReadOnlySpan<ushort> stored, int width, int height, int bitsStored, bool monochrome1, Span<float> destination)
    {
        Validate(stored.Length, width, height, bitsStored, destination.Length);
        var letterbox = new Letterbox(width, height, InputSize);
        int sw = letterbox.ContentWidth, sh = letterbox.ContentHeight;
        var columns = Taps(width, sw);
        var rows = Taps(height, sh);
        destination.Fill(Normalisation.PadValue * Normalisation.OutputScale);
        for (int y = 0; y < sh; y++)
        {
            var (r0, r1, fy) = rows[y];
            var line0 = stored.Slice(r0 * width, width);
            var line1 = stored.Slice(r1 * width, width);
            var output = destination.Slice(y * InputSize, sw);
            for (int x = 0; x < sw; x++)
            {
                var (c0, c1, fx) = columns[x];
                float top = line0[c0] + (line0[c1] - line0[c0]) * fx;
                float bottom = line1[c0] + (line1[c1] - line1[c0]) * fx;
                output[x] = Normalisation.Apply(top + (bottom - top) * fy, bitsStored, monochrome1);
            }
        }
        return letterbox;
    }

    /// <summary>Source taps per output index: src = (dst + 0.5) · in/out - 0.5, clamped to the image.</summary>
    private static (int I0, int I1, float Frac)[] Taps(int inLength, int outLength)
    {
        double ratio = (double)inLength / outLength;
        return Enumerable.Range(0, outLength).Select(d =>
        {
            double s = Math.Max((d + 0.5) * ratio - 0.5, 0);
            int i0 = Math.Min((int)Math.Floor(s), inLength - 1);
            int i1 = Math.Min(i0 + 1, inLength - 1);
            return (i0, i1, (float)(s - i0 > 1 ? 0 : s - i0));
        }).ToArray();
    }

    private void Validate(int length, int width, int height, int bitsStored, int destinationLength)
    {
        if (FrameGeometry.Problem(length, width, height, bitsStored) is string problem) throw new ArgumentException($"{problem}.");
        if (destinationLength != InputSize * InputSize) throw new ArgumentException($"destination holds {destinationLength} values, the input needs {InputSize * InputSize}.");
    }
}
