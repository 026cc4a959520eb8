namespace OccluNet.Live.Phantom.Truth;

/// <summary>
/// Devices in a phantom-2 run (docs/ground-truth.md): which are present, the projected path of the guide catheter
/// (pixel x, y pairs from proximal to tip) and every radio-opaque marker's projected centre.
/// </summary>
public sealed record DeviceTruth(
    bool GuideCatheter,
    bool Microcatheter,
    bool Wire,
    bool StentRetriever,
    bool Coils,
    bool Clip,
    float[][] GuideCatheterPath,
    DeviceMarker[] Markers);

