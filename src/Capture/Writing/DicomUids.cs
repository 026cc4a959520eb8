using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace OccluNet.Live.Capture.Writing;

/// <summary>
/// UIDs: deterministic ones derived from a seed (the recorder: the same recording twice gives the same bytes), new
/// ones under a configurable root (the presentation states and reports), and the check that a text is a valid UID.
/// </summary>
public static class DicomUids
{
    /// <summary>The UUID-derived root (ISO/IEC 9834-8, PS3.5 B.2) used when no organisation root is configured.</summary>
    public const string UuidRoot = "2.25";

    const int MaxLength = 64;

    /// <summary>A valid UID as is; anything else becomes a 2.25 UID derived from it.</summary>
    public static string Valid(string uid) => IsValid(uid) ? uid : Derived(uid);

    /// <summary>A 2.25 UID (ISO/IEC 9834-8 style) from the SHA-256 of <paramref name="seed"/>, at most 64 characters.</summary>
    public static string Derived(string seed)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var value = new BigInteger(hash.AsSpan(0, 16), isUnsigned: true);
        return $"{UuidRoot}.{value}";
    }

    /// <summary>
    /// A new UID under <paramref name="root"/>: "2.25." + a random UUID as a decimal integer (PS3.5 B.2), or
    /// root + "." + random decimal digits filling the 64 characters (at least 20 digits, about 66 bits, so collisions
    /// are as unlikely as the root allows).
    /// </summary>
    /// <exception cref="ArgumentException">The root is not a valid UID prefix or leaves too little room.</exception>
    public static string New(string root = UuidRoot)
    {
        CheckRoot(root);
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        var value = new BigInteger(random, isUnsigned: true);
        if (root == UuidRoot) return $"{UuidRoot}.{value}";
        string digits = value.ToString(System.Globalization.CultureInfo.InvariantCulture).TrimStart('0');
        int room = MaxLength - root.Length - 1;
        return $"{root}.{(digits.Length == 0 ? "1" : digits[..Math.Min(room, digits.Length)])}";
    }

    /// <summary>Why <paramref name="root"/> cannot be a UID root, or null when it can.</summary>
    public static string? RootProblem(string root)
    {
        if (!IsValid(root)) return $"UID root '{root}' is not a UID (digits and dots, no leading zeros, at most 64 characters)";
        if (root != UuidRoot && MaxLength - root.Length - 1 < 20) return $"UID root '{root}' is {root.Length} characters: it leaves fewer than 20 digits of a 64-character UID";
        return null;
    }

    public static bool IsValid(string uid) =>
        uid.Length is > 0 and <= MaxLength && uid.All(c => c is '.' or (>= '0' and <= '9')) && !uid.StartsWith('.') && !uid.EndsWith('.') && !uid.Contains("..")
        && uid.Split('.').All(part => part == "0" || !part.StartsWith('0'));

    static void CheckRoot(string root)
    {
        if (RootProblem(root) is { } problem) throw new ArgumentException(problem, nameof(root));
    }
}
