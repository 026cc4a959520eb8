using OccluNet.Live.Phantom.Anatomy;
using OccluNet.Live.Phantom.Cases;
using OccluNet.Live.Phantom.Devices;
using OccluNet.Live.Phantom.Flow;
using OccluNet.Live.Phantom.Imaging;

namespace OccluNet.Live.Phantom;

/// <summary>
/// Everything of one run before its frames are drawn: case parameters, 3D tree, clot, contrast curves of the case and
/// of its no-occlusion twin, the projection and the rasterised stamps, blush fields and background. The generator
/// renders frames from it; the realism report reads curves and geometry from it.
/// </summary>
internal sealed class PhantomScene
{
    public required PhantomCase Case { get; init; }
    public required VesselTree Tree { get; init; }
    public required Clot? Clot { get; init; }
    public required FlowSolution Flow { get; init; }
    public required FlowSolution TwinFlow { get; init; }
    public required Projector Projector { get; init; }
    public required StampSet Stamps { get; init; }
    public required float[] BlushNormal { get; init; }
    public required float[] BlushAffected { get; init; }
    public required FrameRenderer Renderer { get; init; }

    /// <summary>Phantom 2: the devices in the field (empty in phantom 1 and in runs without devices).</summary>
    public required IReadOnlyList<DevicePart> Devices { get; init; }

    public int Width => Projector.Width;
    public int Height => Projector.Height;
    public double[] FrameTimesS => Case.Acquisition.FrameTimesS;

    /// <summary>Edges whose curves differ between the case and its twin (behind the clot, the stump, the veins).</summary>
    public required int[] TwinDifferences { get; init; }

    /// <summary>Noise-free DSA value image (d) at time <paramref name="t"/>; fills <paramref name="concentration"/> per edge.</summary>
    public void Iodine(double t, float[] image, float[] concentration)
    {
        for (int e = 0; e < concentration.Length; e++) concentration[e] = (float)Flow.Concentration(e, t);
        Array.Clear(image);
        Stamps.Accumulate(image, concentration);
        AddBlush(image, (float)Flow.BlushNormal.At(t), (float)Flow.BlushAffected.At(t));
    }

    /// <summary>The no-occlusion twin's image at <paramref name="t"/>, reusing the case's concentrations where they agree.</summary>
    public void TwinIodine(double t, float[] image, float[] caseConcentration, float[] twinConcentration)
    {
        Array.Copy(caseConcentration, twinConcentration, caseConcentration.Length);
        foreach (int e in TwinDifferences) twinConcentration[e] = (float)TwinFlow.Concentration(e, t);
        Array.Clear(image);
        Stamps.Accumulate(image, twinConcentration, plain: true);
        float blush = (float)TwinFlow.BlushNormal.At(t);
        AddBlush(image, blush, blush);
    }

    void AddBlush(float[] image, float normal, float affected)
    {
        if (normal == 0 && affected == 0) return;
        for (int i = 0; i < image.Length; i++) image[i] += normal * BlushNormal[i] + affected * BlushAffected[i];
    }

    public static PhantomScene Build(PhantomCase c, int size)
    {
        var tree = AnatomyBuilder.Build(c);
        var clot = c.Occlusion is { } plan ? ClotPlacer.Place(tree, plan, c.Seed) : null;
        var flow = FlowModel.Solve(tree, c, clot);
        var twin = clot == null ? flow : FlowModel.Solve(tree, c, null);
        var projector = new Projector(c.Acquisition, size, size, perspective: c.Phantom2 != null);
        var shapes = clot == null ? new Dictionary<int, EdgeShape>() : ClotShapes.For(tree, clot);
        var stamps = StampRasterizer.Build(tree, projector, c.Image.IodineCm2PerMg, shapes);
        var (normal, affected) = BlushMaps.Build(tree, projector, flow.AffectedLeaves, c.Anatomy.MurrayExponent);
        var mu = SkullBackground.Build(projector, c.Acquisition.View, c.Anatomy.HeadScale, c.Seed);
        var devices = DevicePlacer.Place(tree, c, clot);
        DeviceRasterizer.AddTo(mu, devices, projector);
        return new PhantomScene
        {
            Case = c, Tree = tree, Clot = clot, Flow = flow, TwinFlow = twin, Projector = projector, Stamps = stamps,
            BlushNormal = normal, BlushAffected = affected, Renderer = new FrameRenderer(c, projector, mu), Devices = devices,
            TwinDifferences = Enumerable.Range(0, tree.Edges.Count)
                .Where(e => flow.Antegrade[e] != twin.Antegrade[e] || flow.Collateral[e] != twin.Collateral[e]).ToArray(),
        };
    }
}
