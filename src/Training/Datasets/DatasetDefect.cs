namespace OccluNet.Live.Training.Datasets;

/// <summary>One thing wrong with a data set: the file and where in it (a JSON path such as <c>images[3].id</c>), and what.</summary>
public sealed record DatasetDefect(string File, string Where, string What)
{
    public override string ToString() => Where.Length == 0 ? $"{File}: {What}" : $"{File}: {Where}: {What}";
}

/// <summary>A data set that cannot be used as it is: its first defect, and how many more there are.</summary>
internal sealed class DatasetDefectException(IReadOnlyList<DatasetDefect> defects)
    : IOException(defects[0] + (defects.Count > 1 ? $" (and {defects.Count - 1} more defects; `occlunet dataset check` lists them all)" : ""))
{
    public IReadOnlyList<DatasetDefect> Defects { get; } = defects;
}
