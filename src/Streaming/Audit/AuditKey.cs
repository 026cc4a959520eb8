using System.Security.Cryptography;

namespace OccluNet.Live.Streaming.Audit;

/// <summary>
/// The site's secret for sealing audit trails with HMAC-SHA-256: the bytes of a file the site controls (at least 32).
/// Its id (the first 8 bytes of SHA-256 of the key, hex) is written in the trail's first record, so a verifier names the
/// key a trail needs without the key being in it.
/// </summary>
public sealed class AuditKey
{
    public const int MinimumBytes = 32;

    AuditKey(byte[] bytes)
    {
        Bytes = bytes;
        Id = Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8));
    }

    public byte[] Bytes { get; }
    public string Id { get; }

    /// <exception cref="InvalidDataException">The file is unreadable or too short (one line naming it).</exception>
    public static AuditKey FromFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"audit key {path} cannot be read: {e.Message}", e);
        }
        if (bytes.Length < MinimumBytes)
            throw new InvalidDataException($"audit key {path} holds {bytes.Length} bytes; a key needs at least {MinimumBytes} (e.g. head -c 32 /dev/urandom > FILE)");
        return new AuditKey(bytes);
    }
}
