using OccluNet.Live.Domain;

namespace OccluNet.Live.Overlay.Contract;

/// <summary>
/// A drill case's reveal, drawn on the live panel after the case: the truth box (null for a run without an occlusion),
/// the trainee's mark (null for "no occlusion"), both in image pixels, and one line with both verdicts and times, shown
/// in the status strip.
/// </summary>
public sealed record OverlayReveal(Box? Truth, (float X, float Y)? Mark, string Caption);
