namespace OccluNet.Live.Evaluation;

/// <summary>What one run counts as.</summary>
public enum Verdict
{
    /// <summary>Positive run, best trajectory on the occlusion with the right class: TP.</summary>
    TruePositive,

    /// <summary>Positive run without any trajectory: FN.</summary>
    Missed,

    /// <summary>Positive run, best trajectory elsewhere: FN, and FP unless the authors' accounting is chosen.</summary>
    Mislocalised,

    /// <summary>Positive run, best trajectory on the occlusion but of another class: FN, and FP unless the authors' accounting is chosen.</summary>
    WrongClass,

    /// <summary>Negative run with a trajectory: FP.</summary>
    FalseAlarm,

    /// <summary>Negative run without a trajectory (not counted in P or R; counted for McNemar).</summary>
    TrueNegative,
}
