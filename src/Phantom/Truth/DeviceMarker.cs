namespace OccluNet.Live.Phantom.Truth;

/// <summary>A radio-opaque marker band: the device it belongs to and its projected centre (pixels).</summary>
public sealed record DeviceMarker(string Device, float X, float Y);
