using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Truth;

namespace OccluNet.Live.Phantom;

/// <summary>
/// The in-memory generator (training, the live pipeline's phantom source, the synth command): seed + options → run.
/// Deterministic by seed; frames may be drawn on several threads (the options' parallelism) with identical results.
/// </summary>
public static class PhantomGenerator
{
    public static PhantomRun Generate(ulong seed, PhantomOptions options, int parallelism = 1, CancellationToken cancellationToken = default) =>
        Generate(CaseSampler.Sample(seed, options), options.Size, parallelism, cancellationToken);

    /// <summary>
    /// The no-occlusion twin of <paramref name="seed"/>'s run (<see cref="PhantomCase.WithoutOcclusion"/>), under its own
    /// run id (<c>-twin</c> appended) so that a run and its twin never share one.
    /// </summary>
    public static PhantomRun GenerateTwin(ulong seed, PhantomOptions options, int parallelism = 1, CancellationToken cancellationToken = default)
    {
        var c = CaseSampler.Sample(seed, options).WithoutOcclusion();
        return Generate(c, options.Size, parallelism, cancellationToken, RunId(c) + TwinSuffix);
    }

    const string TwinSuffix = "-twin";

    public static PhantomRun Generate(PhantomCase c, int size, int parallelism = 1, CancellationToken cancellationToken = default, string? runId = null)
    {
        var scene = PhantomScene.Build(c, size);
        var times = c.Acquisition.FrameTimesS;
        int n = times.Length, pixels = size * size;
        var frames = new ushort[n][];
        bool twin = scene.Clot != null && n > 1;
        var caseMax = new float[twin ? pixels : 0];
        var twinMax = new float[twin ? pixels : 0];
        var gate = new object();
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            () => new FrameWork(scene, twin ? pixels : 0),
            (f, _, work) =>
            {
                scene.Iodine(times[f], work.Buffers.Iodine, work.Concentration);
                if (twin && f > 0) // MinIP skips the first frame, as CAVE does
                {
                    scene.TwinIodine(times[f], work.Twin, work.Concentration, work.TwinConcentration);
                    MaxInto(work.CaseMax, work.Buffers.Iodine);
                    MaxInto(work.TwinMax, work.Twin);
                }
                frames[f] = scene.Renderer.Render(f, n, work.Buffers);
                return work;
            },
            work =>
            {
                if (!twin) return;
                lock (gate) // max is exact and order-free, so merging per-thread maxima stays deterministic
                {
                    MaxInto(caseMax, work.CaseMax);
                    MaxInto(twinMax, work.TwinMax);
                }
            });
        var difficulty = twin ? MinIpDifficulty.Score(scene, caseMax, twinMax) : (0.0, 0.0);
        runId ??= RunId(c);
        var truth = TruthBuilder.Build(scene, runId, difficulty);
        if (scene.Renderer.IsNative)
        {
            frames = frames.Prepend(scene.Renderer.RenderMask()).ToArray();
            truth = TruthBuilder.WithMaskFrame(truth, 1000.0 / c.Acquisition.NominalFps);
        }
        return new PhantomRun(runId, size, size, c.Image.BitsStored, scene.Projector.PixelMm, frames, truth.FrameTimesMs, truth.Truth, truth);
    }

    public static string RunId(PhantomCase c) => $"ph{c.Seed}-{(c.Acquisition.View == PhantomView.Ap ? "ap" : "lat")}";

    /// <summary>The seed a phantom run id names (<see cref="RunId"/>, a twin's too), or null for any other id.</summary>
    public static ulong? SeedOf(string runId)
    {
        if (!runId.StartsWith("ph", StringComparison.Ordinal)) return null;
        var dash = runId.IndexOf('-');
        return dash > 2 && ulong.TryParse(runId.AsSpan(2, dash - 2), System.Globalization.NumberStyles.None, null, out var seed) ? seed : null;
    }

    static void MaxInto(float[] target, float[] source)
    {
        for (int i = 0; i < target.Length; i++) target[i] = Math.Max(target[i], source[i]);
    }

    sealed class FrameWork(PhantomScene scene, int twinPixels)
    {
        public readonly Imaging.FrameRenderer.Buffers Buffers = scene.Renderer.CreateBuffers();
        public readonly float[] Concentration = new float[scene.Tree.Edges.Count], TwinConcentration = new float[scene.Tree.Edges.Count];
        public readonly float[] Twin = new float[twinPixels], CaseMax = new float[twinPixels], TwinMax = new float[twinPixels];
    }
}
