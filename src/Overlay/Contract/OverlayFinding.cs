namespace OccluNet.Live.Overlay.Contract;

/// <summary>
/// The run's finding: its best trajectory so far, drawn apart from the newest detection and not faded. It stays on the
/// AI view while the run goes on and after it ends (<see cref="RunEnded"/>: then it is the run's final answer, the one
/// the end-of-run summary gives), until the next run starts or the user clears it.
/// <see cref="Box"/> is the trajectory's representative (highest-confidence) box, <see cref="Path"/> its last centres,
/// <see cref="FirstFrame"/>-<see cref="LastFrame"/> its frames; <see cref="EvidenceAt"/> (on the <see cref="Streaming.Pipeline.PipelineClock"/>)
/// is when its newest member's frame arrived, so the shown age says how old the evidence is.
/// </summary>
public sealed record OverlayFinding(
    int Run,
    OverlayDetection Box,
    IReadOnlyList<(float X, float Y)> Path,
    int FirstFrame,
    int LastFrame,
    TimeSpan EvidenceAt,
    bool RunEnded)
{
    /// <summary>What identifies the finding for "clear": the same trajectory (run and first frame) stays cleared as it grows.</summary>
    public (int Run, int FirstFrame) Identity => (Run, FirstFrame);

    /// <summary>A best trajectory as the run's finding: its representative box, its last <paramref name="pathLength"/> centres and its frames.</summary>
    public static OverlayFinding Of(int run, Trajectories.Trajectory best, int pathLength, Func<int, string> className, TimeSpan evidenceAt, bool runEnded)
    {
        var path = best.Points.TakeLast(pathLength).Select(p => (p.CenterX, p.CenterY)).ToArray();
        var peak = best.Peak.Detection;
        return new OverlayFinding(run, new OverlayDetection(peak.Box, className(peak.ClassId), peak.Score), path,
            best.FirstFrame, best.LastFrame, evidenceAt, runEnded);
    }
}
