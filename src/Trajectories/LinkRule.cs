namespace OccluNet.Live.Trajectories;

/// <summary>When a detection in a later frame continues a trajectory.</summary>
public enum LinkRule
{
    /// <summary>The paper's rule: the detection's centre lies within <see cref="TrajectoryOptions.LinkRadius"/> of the trajectory's last centre (Euclidean, inclusive).</summary>
    CentreWithinRadius,

    /// <summary>
    /// The authors' code (temp_cont.py): the detection's box, enlarged by <see cref="TrajectoryOptions.ContainmentMargin"/> on every side,
    /// contains the trajectory's last centre (inclusive).
    /// </summary>
    BoxContainsPreviousCentre,
}
