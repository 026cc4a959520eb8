using OccluNet.Live.Model.Preprocessing;

namespace OccluNet.Live.Training;

/// <summary>Generates a phantom split in memory (no disk round trip) and prepares it for the model.</summary>
public static class TrainingData
{
    public static IReadOnlyList<PreparedRun> Generate(PhantomSplit split, FramePreprocessor preprocessor, bool minIp, int threads,
        Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var runs = new List<PreparedRun>(split.Count);
        foreach (var seed in split.Seeds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            runs.Add(PreparedRun.FromPhantom(split.Generate(seed, threads, cancellationToken), preprocessor, minIp));
            if (runs.Count % 25 == 0 || runs.Count == split.Count) log?.Invoke($"generated {runs.Count}/{split.Count} runs ({split})");
        }
        return runs;
    }
}
