namespace OccluNet.Live.Phantom.Randomness;

/// <summary>
/// Independent random streams of one case (spec 1.7): changing, say, the noise level never changes the anatomy, and
/// frames drawn in parallel stay bit-identical because each (view, frame) has its own noise stream.
/// </summary>
public enum PhantomStream
{
    CaseSampling = 1,
    Anatomy = 2,
    Veins = 3,
    Flow = 4,
    Occlusion = 5,
    Acquisition = 6,
    Motion = 7,
    Noise = 8,
    Background = 9,
    Display = 10,
    Phantom2 = 11,
    Devices = 12,
}
