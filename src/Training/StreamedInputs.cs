using OccluNet.Live.Model.Preprocessing;
using OccluNet.Live.Training.Datasets;

namespace OccluNet.Live.Training;

/// <summary>A run's model inputs read from disk when first asked for, through the shared <see cref="FrameCache"/>.</summary>
sealed class StreamedInputs(RunEntry entry, FramePreprocessor preprocessor, FrameCache cache) : IReadOnlyList<float[]>
{
    public int Count => entry.FrameCount.Value;

    public float[] this[int index] => Inputs()[index];

    public IEnumerator<float[]> GetEnumerator() => ((IEnumerable<float[]>)Inputs()).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    float[][] Inputs() => cache.Get(entry.Run.SourcePath + "#" + entry.Run.RunId, () =>
    {
        var raw = entry.Read();
        if (raw.Frames.Count != Count) throw new InvalidDataException($"{entry.Run.SourcePath}: run '{entry.Run.RunId}' now has {raw.Frames.Count} frames, {Count} before");
        return raw.Frames.Select(f => preprocessor.Prepare(f, raw.Width, raw.Height, raw.BitsStored, raw.Monochrome1, out _)).ToArray();
    });
}
