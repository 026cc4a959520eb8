using System.Text.Json;
using OccluNet.Live.Capture.Reading;
using OccluNet.Live.Domain;
using OccluNet.Live.Tests.Shared;

namespace OccluNet.Live.Pacs.Tests;

/// <summary>The shipped replay-data runs as result objects see them: the image, and a finding where the phantom put its occlusion.</summary>
internal static class ReplayRuns
{
    public static readonly ModelProvenance Model = new("OccluNet1-nano-256", "OccluNet1", new string('a', 64), 0.46, "score >= 0.46 (max F1 on test runs)", "test");

    public static IEnumerable<string> Files() =>
        Directory.GetFiles(RepoPaths.ReplayData, "*.dcm").Order(StringComparer.Ordinal).Select(Path.GetFileName)!;

    public static string PathOf(string file) => Path.Combine(RepoPaths.ReplayData, file);

    /// <summary>The run's result: its ground-truth box over its visible frames, or no finding for a run without a visible occlusion.</summary>
    public static RunResult ResultFor(string file, string? dicomPath = null)
    {
        var run = DicomRun.Open(dicomPath ?? PathOf(file));
        RunImage image = RunImage.From(run.Series, run.Pixels.FrameCount, Capture.Writing.DicomUids.UuidRoot);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(PathOf(file), ".json")));
        RunFinding? finding = null;
        if (truth.RootElement.GetProperty("truth").TryGetProperty("occlusion", out var o) && o.ValueKind == JsonValueKind.Object
            && o.GetProperty("firstVisibleFrame").GetInt32() >= 0)
        {
            var b = o.GetProperty("tightBox");
            var box = new Box(b.GetProperty("x1").GetSingle(), b.GetProperty("y1").GetSingle(), b.GetProperty("x2").GetSingle(), b.GetProperty("y2").GetSingle());
            int first = o.GetProperty("firstVisibleFrame").GetInt32(), last = o.GetProperty("lastVisibleFrame").GetInt32();
            // The box drifts by a pixel a frame, as a trajectory's members do; the peak is the middle frame.
            var shown = Enumerable.Range(first, last - first + 1).Select(f => new ShownBox(f, Shifted(box, f - (first + last) / 2))).ToArray();
            finding = new RunFinding(o.GetProperty("class").GetString()!, 0.62f, first, last, (first + last) / 2, box, shown);
        }
        return new RunResult(image, finding, Model, DateTimeOffset.Now);
    }

    static Box Shifted(Box b, int d) => new(b.X1 + d, b.Y1, b.X2 + d, b.Y2);
}
