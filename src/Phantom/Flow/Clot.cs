using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Phantom.Flow;

/// <summary>
/// Where the occlusion sits in a case's tree: the clot's proximal face is the end (P1) of <see cref="FaceEdge"/>;
/// everything in <see cref="Blocked"/> gets no antegrade contrast; <see cref="ClotBody"/> are the blocked edges inside
/// the clot length (for the tight box); <see cref="Stump"/> the patent edges from the last branch point to the face
/// (stagnation); <see cref="Inlets"/> the blocked leaves (or, for extracranial ICA, the ophthalmic end) through which
/// collaterals enter.
/// </summary>
internal sealed record Clot(
    OcclusionPlan Plan,
    int FaceEdge,
    IReadOnlySet<int> Blocked,
    IReadOnlyList<int> ClotBody,
    IReadOnlyList<int> Stump,
    IReadOnlyList<int> Inlets);
