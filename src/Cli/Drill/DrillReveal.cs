using System.Globalization;
using OccluNet.Live.Domain;
using OccluNet.Live.Overlay;
using OccluNet.Live.Overlay.Contract;
using OccluNet.Live.Overlay.Snapshots;
using OccluNet.Live.Training;

namespace OccluNet.Live.Cli.Drill;

/// <summary>
/// A case's reveal as a PNG, drawn headless by the overlay's renderer (EGL): the live panel with the truth box (green)
/// and the trainee's mark (magenta cross), the AI panel with the AI's run finding (red), both on the last frame where
/// the occlusion is visible (else the run's last frame), and both verdicts with their times in the status strip.
/// </summary>
internal static class DrillReveal
{
    /// <summary>Panels at least this many pixels across, so that a small run's reveal stays legible.</summary>
    const double MinPanelPixels = 384;

    public static string FileName(string caseName) =>
        "reveal-" + string.Concat(caseName.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_')) + ".png";

    /// <summary>The reveal as the overlay draws it, headless or in the drill window.</summary>
    public static OverlaySnapshot Snapshot(DrillCaseResult result, RawRun run, ClassSet aiClasses)
    {
        int frameIndex = result.Run.Truth.Occlusion is { IsEverVisible: true } o ? Math.Min(o.LastVisibleFrame, run.Frames.Count - 1) : run.Frames.Count - 1;
        var frame = Frame(run, result.Timing, frameIndex);
        var finding = result.Ai.Best is { } best ? OverlayFinding.Of(0, best, int.MaxValue, aiClasses.NameOf, TimeSpan.Zero, runEnded: true) : null;
        var truth = result.Run.BoxesIn(frameIndex).Select(b => (Box?)b).FirstOrDefault();
        var reveal = new OverlayReveal(truth, result.Mark?.Point, Caption(result));
        return new OverlaySnapshot(frame, new OverlayResult(frame, null, TimeSpan.Zero), OverlayStatus.Initial with { IsReplay = true }, 0, finding, reveal);
    }

    /// <summary>Frame <paramref name="index"/> of a run as the overlay shows it, at its time in the run.</summary>
    public static OverlayFrame Frame(RawRun run, DrillTiming timing, int index) =>
        new(run.Frames[index], run.Width, run.Height, run.BitsStored, run.Monochrome1, null, index, TimeSpan.FromSeconds(timing.Seconds[index]), TimeSpan.Zero);

    /// <summary>Renders the reveal headless (EGL).</summary>
    public static RgbaImage RenderHeadless(DrillCaseResult result, RawRun run, ClassSet aiClasses)
    {
        using var overlay = OffscreenOverlay.ForImage(run.Width, run.Height, Math.Max(1.0, MinPanelPixels / Math.Max(run.Width, run.Height)));
        return overlay.Render(Snapshot(result, run, aiClasses), TimeSpan.Zero).Image;
    }

    public static byte[] Png(RgbaImage image)
    {
        using var png = new MemoryStream();
        SnapshotWriter.WritePng(image, png);
        return png.ToArray();
    }

    static string Caption(DrillCaseResult r) =>
        $"{r.Name}: truth {r.Trainee.TruthClass?.ToString() ?? "none"} | you {r.Trainee.Verdict}{Time(r.TimeToDetectionS)} | AI {r.Ai.Verdict}{Time(r.AiTimeToDetectionS)}";

    static string Time(double? s) => s is double v ? string.Create(CultureInfo.InvariantCulture, $" +{v:0.00} s") : "";
}
