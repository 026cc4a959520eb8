namespace OccluNet.Live.Domain;

/// <summary>Occlusion location classes of the paper (Kore et al., Table 1).</summary>
public enum OcclusionClass
{
    M1 = 0,
    M2 = 1,
    IntracranialIca = 2,
    ExtracranialIca = 3,
    Unknown = 4,
}

/// <summary>The class list a model predicts: the paper's five classes, or one "occlusion" class.</summary>
public sealed record ClassSet(IReadOnlyList<string> Names)
{
    public static readonly ClassSet FiveClasses = new(new[] { "M1", "M2", "ICA-I", "ICA-E", "Unknown" });
    public static readonly ClassSet SingleClass = new(new[] { "occlusion" });

    public int Count => Names.Count;
    public bool IsSingleClass => Names.Count == 1;

    /// <summary>The name of class <paramref name="classId"/>, or "class N" for an index the set does not have.</summary>
    public string NameOf(int classId) => classId >= 0 && classId < Count ? Names[classId] : $"class {classId}";

    /// <summary>The class index a ground-truth occlusion gets in this set.</summary>
    public int IndexOf(OcclusionClass cls) => IsSingleClass ? 0 : (int)cls;
}
