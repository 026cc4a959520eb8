namespace OccluNet.Live.Model.Training;

/// <summary>How the authors' 20-epoch learning-rate schedule is laid over a run of another length.</summary>
public enum ScheduleShape
{
    /// <summary>In proportion: warm-up over the first tenth, cosine to nine tenths (2 and 18 of the authors' 20), so a
    /// run of any length ends as far down the cosine as theirs does.</summary>
    Scaled,

    /// <summary>Their epoch counts whatever the run's length (warm-up 2, cosine to epoch 18): a run shorter than 18
    /// epochs stops high on the cosine. Every model trained before 2026-12-06 had this.</summary>
    AuthorsEpochs,
}
