namespace OccluNet.Live.Phantom.Cases;

/// <summary>
/// Devices in the field (phantom 2): a guide catheter in the ICA (or CCA), a microcatheter with a distal and a proximal
/// platinum marker band and a wire beyond its tip, a stent retriever deployed across the clot, a coil mass, an aneurysm
/// clip. They are part of the static attenuation: they cancel in a still subtraction and show in native frames, in the
/// mask frame and as misregistration residue.
/// </summary>
public sealed record DeviceParameters(
    bool GuideCatheter,
    bool Microcatheter,
    bool StentRetriever,
    bool Coils,
    bool Clip,
    double MarkerSpacingMm,
    double WireExtensionMm,
    double StentLengthMm)
{
    public bool Any => GuideCatheter || Microcatheter || StentRetriever || Coils || Clip;
}
