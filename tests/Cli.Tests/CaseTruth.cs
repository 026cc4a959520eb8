using System.Text.Json;

namespace OccluNet.Live.Cli.Tests;

/// <summary>
/// A phantom run's truth read straight from its ground-truth JSON (not through the product's reader), for the drill
/// tests: the fixed box's centre, the visible frames (-1 when none), the frame times in seconds and the image size.
/// </summary>
internal sealed record CaseTruth(string Name, string? Class, float X, float Y, int First, int Last, double[] Times, int Width, int Height)
{
    /// <summary>The run's MinIP difficulty score ("minipDifficulty"), when its file has one.</summary>
    public double? MinipDifficulty { get; init; }

    public bool Positive => Class is not null && First >= 0;

    /// <summary>The paper's 25 px at 640, in this run's pixels.</summary>
    public double Radius => 25.0 * Math.Max(Width, Height) / 640.0;

    /// <summary>A time in the middle of frame <paramref name="k"/>'s display (after the last frame: a while later).</summary>
    public double During(int k) => k + 1 < Times.Length ? (Times[k] + Times[k + 1]) / 2 : Times[^1] + 0.2;

    /// <summary>The runs of a folder written by `occlunet synth`, in name order.</summary>
    public static CaseTruth[] ReadFolder(string folder) =>
        Directory.GetFiles(folder, "ph*.json").Order(StringComparer.Ordinal).Select(Read).ToArray();

    public static CaseTruth Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var truth = doc.RootElement.GetProperty("truth");
        var times = doc.RootElement.GetProperty("frameTimesMs").EnumerateArray().Select(v => v.GetDouble() / 1000).ToArray();
        var occlusion = truth.GetProperty("occlusion");
        int width = truth.GetProperty("width").GetInt32(), height = truth.GetProperty("height").GetInt32();
        string name = truth.GetProperty("runId").GetString()!;
        double? difficulty = doc.RootElement.TryGetProperty("minipDifficulty", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : null;
        if (occlusion.ValueKind == JsonValueKind.Null) return new CaseTruth(name, null, 0, 0, -1, -1, times, width, height) { MinipDifficulty = difficulty };
        var box = occlusion.GetProperty("fixedBox");
        float cx = (box.GetProperty("x1").GetSingle() + box.GetProperty("x2").GetSingle()) / 2, cy = (box.GetProperty("y1").GetSingle() + box.GetProperty("y2").GetSingle()) / 2;
        return new CaseTruth(name, occlusion.GetProperty("class").GetString(), cx, cy,
            occlusion.GetProperty("firstVisibleFrame").GetInt32(), occlusion.GetProperty("lastVisibleFrame").GetInt32(), times, width, height) { MinipDifficulty = difficulty };
    }
}
