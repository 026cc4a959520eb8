namespace OccluNet.Live.Phantom.Randomness;

/// <summary>SplitMix64 (Steele, Lea, Flood 2014): expands a seed into well-mixed 64-bit words; also a hash for stream ids.</summary>
internal static class SplitMix64
{
    public static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A seed for one sub-stream: (case seed, stream, a, b) hashed so that nearby ids give unrelated streams.</summary>
    public static ulong Derive(ulong seed, PhantomStream stream, long a = 0, long b = 0)
    {
        ulong h = Mix(seed + 0x9E3779B97F4A7C15UL);
        h = Mix(h ^ ((ulong)stream * 0xD1B54A32D192ED03UL));
        h = Mix(h ^ unchecked((ulong)a * 0xABC98388FB8FAC03UL));
        return Mix(h ^ unchecked((ulong)b * 0x8CB92BA72F3D8DD7UL));
    }
}
