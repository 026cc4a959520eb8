using OccluNet.Live.Phantom.Geometry;

namespace OccluNet.Live.Phantom.Imaging;

/// <summary>Separable Gaussian blur (detector and focal-spot PSF, spec 3.4) in place, edges clamped.</summary>
internal sealed class GaussianBlur
{
    readonly float[] kernel;
    readonly int radius;

    public GaussianBlur(double sigmaPx)
    {
        SigmaPx = sigmaPx;
        radius = Math.Max(1, (int)Math.Ceiling(2.5 * sigmaPx));
        kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) sum += kernel[i + radius] = (float)DetMath.Exp(-0.5 * i * i / (sigmaPx * sigmaPx));
        for (int i = 0; i < kernel.Length; i++) kernel[i] = (float)(kernel[i] / sum);
    }

    public double SigmaPx { get; }

    /// <summary>Below a third of a pixel the PSF is a no-op at this pixel size: the stamp anti-aliasing already suffices.</summary>
    public bool IsNegligible => SigmaPx < 0.33;

    public void Apply(float[] image, float[] scratch, int width, int height)
    {
        for (int y = 0; y < height; y++)
        {
            int row = y * width;
            for (int x = 0; x < width; x++)
            {
                float s = 0;
                for (int k = -radius; k <= radius; k++) s += kernel[k + radius] * image[row + Math.Clamp(x + k, 0, width - 1)];
                scratch[row + x] = s;
            }
        }
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                float s = 0;
                for (int k = -radius; k <= radius; k++) s += kernel[k + radius] * scratch[Math.Clamp(y + k, 0, height - 1) * width + x];
                image[y * width + x] = s;
            }
    }
}
