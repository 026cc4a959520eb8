using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Geometry;
using OccluNet.Live.Phantom.Randomness;

namespace OccluNet.Live.Phantom.Imaging;

/// <summary>
/// Forms one stored frame (spec 3.2–3.5, 5.1 step 6): iodine image from the stamps and blush fields; motion of the live
/// frame against the mask (background + iodine warped, then the mask's background subtracted, leaving bone-edge
/// residue); quantum noise in the log domain with σ² = 1/N behind the local attenuation, fresh for the live frame and
/// one fixed (averaged) mask-noise field for the whole run; detector blur; display mapping. One noise stream per
/// (case, view, frame), so frames can be rendered in any order or in parallel with identical results.
/// </summary>
internal sealed class FrameRenderer
{
    readonly Projector proj;
    readonly float[] mu;
    readonly float[] liveSigma;
    readonly float[] maskNoise;
    readonly GaussianBlur blur;
    readonly DisplayMapping display;
    readonly PhantomCase c;
    readonly int n;
    readonly VeilingGlare? glare;       // phantom 2
    readonly NativeMapping? native;     // phantom 2 native runs
    readonly float[]? maskLine;         // phantom 2: the mask's line integrals (μ + mask noise, glared)

    public FrameRenderer(PhantomCase c, Projector proj, float[] mu)
    {
        this.c = c;
        this.proj = proj;
        this.mu = mu;
        n = proj.Width * proj.Height;
        var img = c.Image;
        double pitch = proj.PixelMm * c.Acquisition.Magnification, pixelAreaDetector = pitch * pitch;
        double quanta = img.DosePerFrameUGy * img.QuantaPerMm2PerUGy * pixelAreaDetector * img.Dqe;
        SigmaReference = 1 / Math.Sqrt(quanta);
        float muRef = ReferenceAttenuation(mu);
        liveSigma = new float[n];
        for (int i = 0; i < n; i++) liveSigma[i] = (float)(SigmaReference * DetMath.Exp(0.5 * Math.Clamp(mu[i] - muRef, -4, 4)));
        maskNoise = new float[n];
        var rng = Xoshiro256.For(c.Seed, PhantomStream.Noise, (int)c.Acquisition.View, -1);
        NoiseTable.Fill(maskNoise, ref rng);
        float maskScale = (float)(1 / Math.Sqrt(img.MaskAveraging));
        for (int i = 0; i < n; i++) maskNoise[i] *= liveSigma[i] * maskScale;
        blur = new GaussianBlur(img.PsfSigmaMm / proj.PixelMm);
        display = new DisplayMapping(img);
        if (c.Phantom2 is { } p2)
        {
            glare = new VeilingGlare(proj.Width, proj.Height, p2.GlareSigmaMm / proj.PixelMm, p2.ScatterFraction);
            if (p2.Native) native = new NativeMapping(mu, img.BitsStored);
            maskLine = new float[n];
            for (int i = 0; i < n; i++) maskLine[i] = mu[i] + maskNoise[i];
            glare.Apply(maskLine);
        }
    }

    /// <summary>Phantom 2 native runs: true when frames are stored unsubtracted after a mask frame.</summary>
    public bool IsNative => native != null;

    /// <summary>σ of log intensity per live frame at the reference attenuation (before blur).</summary>
    public double SigmaReference { get; }

    /// <summary>σ of the subtracted value d in a flat region after blur: what the MinIP difficulty score divides by.</summary>
    public double SigmaSubtracted => SigmaReference * Math.Sqrt(1 + 1.0 / c.Image.MaskAveraging) * (blur.IsNegligible ? 1 : 1 / (2 * Math.Sqrt(Math.PI) * Math.Max(0.5, blur.SigmaPx)));

    public DisplayMapping Display => display;

    /// <summary>Per-thread buffers.</summary>
    public sealed class Buffers(int n)
    {
        public readonly float[] Iodine = new float[n], D = new float[n], Scratch = new float[n], Noise = new float[n];
    }

    public Buffers CreateBuffers() => new(n);

    /// <summary>Render frame <paramref name="frame"/> whose noise-free iodine image is already in <c>buffers.Iodine</c>.</summary>
    public ushort[] Render(int frame, int frames, Buffers b)
    {
        var motion = FrameMotion.For(c.Motion, c.Seed, frame, frames, proj.PixelMm);
        if (motion.IsStill) Array.Copy(b.Iodine, b.D, n);
        else Warp(b.Iodine, b.D, b.Scratch, motion);
        var rng = Xoshiro256.For(c.Seed, PhantomStream.Noise, (int)c.Acquisition.View, frame);
        NoiseTable.Fill(b.Noise, ref rng);
        var d = b.D;
        var iod = b.Iodine;
        if (glare != null) return RenderPhantom2(b);
        for (int i = 0; i < n; i++) d[i] += liveSigma[i] * (1 + 0.5f * iod[i]) * b.Noise[i] - maskNoise[i];
        if (!blur.IsNegligible) blur.Apply(d, b.Scratch, proj.Width, proj.Height);
        var frameOut = new ushort[n];
        for (int i = 0; i < n; i++) frameOut[i] = display.Map(d[i]);
        return frameOut;
    }

    /// <summary>
    /// Phantom 2: the live frame's line integrals L = moved (μ + iodine) + live noise go through scatter and glare; a
    /// subtracted run stores d = L_live − L_mask (the mask glared once), a native run stores L_live itself.
    /// </summary>
    ushort[] RenderPhantom2(Buffers b)
    {
        var l = b.D;
        for (int i = 0; i < n; i++) l[i] += mu[i] + liveSigma[i] * (1 + 0.5f * b.Iodine[i]) * b.Noise[i];
        glare!.Apply(l);
        if (native == null)
            for (int i = 0; i < n; i++) l[i] -= maskLine![i];
        return Store(l, b.Scratch);
    }

    /// <summary>Phantom 2 native runs: the mask frame (no iodine, no motion, the run's mask noise), stored like the live frames.</summary>
    public ushort[] RenderMask()
    {
        if (native == null) throw new InvalidOperationException("only native phantom-2 runs store a mask frame");
        return Store((float[])maskLine!.Clone(), new float[n]);
    }

    ushort[] Store(float[] values, float[] scratch)
    {
        if (!blur.IsNegligible) blur.Apply(values, scratch, proj.Width, proj.Height);
        var frameOut = new ushort[n];
        for (int i = 0; i < n; i++) frameOut[i] = native != null ? native.Map(values[i]) : display.Map(values[i]);
        return frameOut;
    }

    /// <summary>d = (μ_bg + iodine) sampled at the moved position − μ_bg here (bilinear).</summary>
    void Warp(float[] iodine, float[] d, float[] scratch, FrameMotion m)
    {
        int w = proj.Width, h = proj.Height;
        for (int i = 0; i < n; i++) scratch[i] = mu[i] + iodine[i];
        double cos = DetMath.Cos(m.Angle), sin = DetMath.Sin(m.Angle), cx = w / 2.0, cy = h / 2.0;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                double rx = x + 0.5 - cx - m.Dx, ry = y + 0.5 - cy - m.Dy;
                double sx = cos * rx + sin * ry + cx - 0.5, sy = -sin * rx + cos * ry + cy - 0.5;
                int x0 = (int)Math.Floor(sx), y0 = (int)Math.Floor(sy);
                double fx = sx - x0, fy = sy - y0;
                float v = (float)((Sample(scratch, x0, y0, w, h) * (1 - fx) + Sample(scratch, x0 + 1, y0, w, h) * fx) * (1 - fy)
                                + (Sample(scratch, x0, y0 + 1, w, h) * (1 - fx) + Sample(scratch, x0 + 1, y0 + 1, w, h) * fx) * fy);
                d[y * w + x] = v - mu[y * w + x];
            }
    }

    static float Sample(float[] img, int x, int y, int w, int h) => img[Math.Clamp(y, 0, h - 1) * w + Math.Clamp(x, 0, w - 1)];

    static float ReferenceAttenuation(float[] mu)
    {
        var copy = new float[(mu.Length + 6) / 7];
        for (int i = 0; i < copy.Length; i++) copy[i] = mu[i * 7];
        Array.Sort(copy);
        return copy[(int)(copy.Length * 0.75)];
    }
}
