using OccluNet.Live.Domain;
using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Phantom.Tests;

/// <summary>Tiny runs for tests: 96 px over a 120 mm field centred on the terminus and MCA (spec 1.3).</summary>
static class SmallRuns
{
    public static PhantomOptions Options(OcclusionClass? cls = null, int frames = 10, double fps = 2, PhantomView view = PhantomView.Ap) => new()
    {
        Size = 96, FieldOfViewMm = 120, Frames = frames, Fps = fps, View = view, Class = cls,
        Negative = cls == null ? NegativeKind.Normal : null, NoMotion = true,
    };
}
