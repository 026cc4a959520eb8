using System.Text.Json;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Phantom.Output;

/// <summary>One line of index.json: what a written run is and where its files are (relative to the index).</summary>
public sealed record RunIndexEntry(
    string RunId,
    ulong Seed,
    string Category,
    string? SubLocation,
    string View,
    int Width,
    int Frames,
    double NominalFps,
    int? FirstVisibleFrame,
    int? LastVisibleFrame,
    int? CollateralGrade,
    double? MinipDifficulty,
    bool TimingDependent,
    string Dicom,
    string GroundTruth)
{
    public static RunIndexEntry Of(PhantomRun run, string dicomFile, string jsonFile)
    {
        var g = run.GroundTruth;
        return new RunIndexEntry(run.RunId, g.Seed, g.Category, g.SubLocation, run.Truth.View, run.Width, run.Frames.Length,
            g.NominalFps, run.Truth.Occlusion?.FirstVisibleFrame, run.Truth.Occlusion?.LastVisibleFrame, g.Collateral?.Grade,
            g.MinipDifficulty, g.TimingDependent, Path.GetFileName(dicomFile), Path.GetFileName(jsonFile));
    }

    public static void WriteIndex(string directory, IReadOnlyList<RunIndexEntry> entries, object options, int phantomVersion = 1)
    {
        var doc = new { generator = phantomVersion == 1 ? Cases.PhantomCase.Version : Cases.PhantomCase.Version2, options, runs = entries };
        File.WriteAllText(Path.Combine(directory, "index.json"), JsonSerializer.Serialize(doc, DomainJson.Options) + "\n");
    }
}
