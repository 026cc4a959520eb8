using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace OccluNet.Live.Streaming.Recording;

/// <summary>Deterministic UIDs for what the recorder writes (the same recording twice gives the same bytes).</summary>
internal static class DicomUids
{
    /// <summary>A valid UID as is; anything else becomes a 2.25 UID derived from it.</summary>
    public static string Valid(string uid) => IsValid(uid) ? uid : Derived(uid);

    /// <summary>A 2.25 UID (ISO/IEC 9834-8 style) from the SHA-256 of <paramref name="seed"/>, at most 64 characters.</summary>
    public static string Derived(string seed)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var value = new BigInteger(hash.AsSpan(0, 16), isUnsigned: true);
        return $"2.25.{value}";
    }

    static bool IsValid(string uid) =>
        uid.Length is > 0 and <= 64 && uid.All(c => c is '.' or (>= '0' and <= '9')) && !uid.StartsWith('.') && !uid.EndsWith('.') && !uid.Contains("..");
}
