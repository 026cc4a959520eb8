using OccluNet.Live.Phantom.Cases;

namespace OccluNet.Live.Phantom;

/// <summary>
/// DICOM UIDs derived from the seed (so the same run written twice is byte-identical): 2.25 + a decimal number
/// (the UUID-derived root of PS3.5 B.2, here from the seed instead of a random UUID).
/// </summary>
internal static class PhantomUids
{
    public static string Study(ulong seed) => $"2.25.{Number(seed, 1)}";
    public static string Series(ulong seed, PhantomView view) => $"2.25.{Number(seed, 2 + (int)view)}";
    public static string Instance(ulong seed, PhantomView view) => $"2.25.{Number(seed, 10 + (int)view)}";

    static string Number(ulong seed, int kind) =>
        new System.Numerics.BigInteger(Randomness.SplitMix64.Derive(seed, Randomness.PhantomStream.CaseSampling, 1000 + kind)).ToString();
}
