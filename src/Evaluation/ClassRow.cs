namespace OccluNet.Live.Evaluation;

/// <summary>
/// One line of the paper's Table 1: runs ("samples"), annotated frames ("instances": frames in which the occlusion is
/// visible), counts, and precision/recall (null when undefined, 0/0).
/// </summary>
public sealed record ClassRow(string Class, int Samples, int Instances, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double? Precision => TruePositives + FalsePositives == 0 ? null : (double)TruePositives / (TruePositives + FalsePositives);

    public double? Recall => TruePositives + FalseNegatives == 0 ? null : (double)TruePositives / (TruePositives + FalseNegatives);
}
