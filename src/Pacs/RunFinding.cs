using OccluNet.Live.Domain;
using OccluNet.Live.Trajectories;

namespace OccluNet.Live.Pacs;

/// <summary>One frame where the finding was on screen, and the box the overlay drew there (image pixels).</summary>
public sealed record ShownBox(int FrameIndex, Box Box);

/// <summary>
/// A run's finding: the best trajectory's class and confidence (its highest-confidence member), its frames, its
/// representative box, and the frames whose result showed it with the box drawn on each. Frame indices are 0-based
/// as in the pipeline; the DICOM objects write them 1-based.
/// </summary>
public sealed record RunFinding(string ClassName, float Confidence, int FirstFrame, int LastFrame, int PeakFrame, Box Box, IReadOnlyList<ShownBox> Shown)
{
    /// <summary>The class as a location (M1, M2, ...), or null for a single-class model whose only class is "occlusion".</summary>
    public string? LocationClass => ClassName.Equals(ClassSet.SingleClass.Names[0], StringComparison.OrdinalIgnoreCase) ? null : ClassName;

    /// <param name="shownFrames">The frames whose result showed this trajectory (each gets the box drawn there).</param>
    public static RunFinding From(Trajectory best, ClassSet classes, IEnumerable<int> shownFrames)
    {
        var shown = shownFrames.Distinct().Order().Select(f => new ShownBox(f, best.ShownAt(f).Detection.Box)).ToArray();
        if (shown.Length == 0) shown = [new ShownBox(best.Peak.FrameIndex, best.RepresentativeBox)];
        string name = best.ClassId >= 0 && best.ClassId < classes.Count ? classes.Names[best.ClassId] : $"class {best.ClassId}";
        return new RunFinding(name, best.Peak.Detection.Score, best.FirstFrame, best.LastFrame, best.Peak.FrameIndex, best.RepresentativeBox, shown);
    }
}
