using System.Security.Cryptography;
using System.Text;

namespace OccluNet.Live.Streaming.Audit;

/// <summary>
/// The seal rule of the audit trail. Each line is <c>BODY,"hash":"H"}</c> where BODY is
/// <c>{"seq":n,"type":"…","at":"…","data":{…},"prev":"P"</c> exactly as written, P is the previous line's H (64 zeros for
/// the first) and H = SHA-256(BODY), or HMAC-SHA-256(key, BODY) when the site gives a key. Every byte of a line but its own
/// hash is sealed (an added, removed or edited field anywhere breaks it), and each line seals the one before.
/// </summary>
internal static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>What ends every line after its body.</summary>
    public const string HashPrefix = ",\"hash\":\"";

    public static string Seal(string body, AuditKey? key)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        return Convert.ToHexStringLower(key is null ? SHA256.HashData(bytes) : HMACSHA256.HashData(key.Bytes, bytes));
    }
}
