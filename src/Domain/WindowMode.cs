namespace OccluNet.Live.Domain;

/// <summary>
/// Which frames a window holds: centred (t-1, t, t+1; the paper) or causal (t-2, t-1, t; live, no look-ahead).
/// Here rather than in Model because <see cref="DetectorInfo"/> carries it; the rule itself is Model's TemporalWindow.
/// </summary>
public enum WindowMode { Centred, Causal }
