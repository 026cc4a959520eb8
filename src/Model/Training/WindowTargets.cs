using OccluNet.Live.Domain;

namespace OccluNet.Live.Model.Training;

/// <summary>Ground truth of a window's output frame in model input pixels; no boxes = a negative window.</summary>
public sealed record WindowTargets(IReadOnlyList<Box> Boxes, IReadOnlyList<int> Labels)
{
    public static readonly WindowTargets Negative = new(Array.Empty<Box>(), Array.Empty<int>());

    public static WindowTargets Of(params (Box Box, int Label)[] objects) =>
        new(objects.Select(o => o.Box).ToArray(), objects.Select(o => o.Label).ToArray());
}
