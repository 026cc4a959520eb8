using System.Security.Cryptography;
using System.Text;

namespace OccluNet.Live.Streaming.Audit;

/// <summary>
/// The hash rule of the audit trail. Each line is
/// <c>{"seq":n,"type":"…","at":"…","data":{…},"prev":"…","hash":"…"}</c> and
/// hash = SHA-256 over "prev\nseq\ntype\nat\ndata" (data exactly as written), hex; the first line's prev is 64 zeros.
/// Changing, removing, inserting or reordering any line breaks every hash after it.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    public static string Hash(string previous, long sequence, string type, string at, string data)
    {
        string material = $"{previous}\n{sequence}\n{type}\n{at}\n{data}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }

    /// <summary>SHA-256 of an identifier (a study or series UID), hex, first 16 bytes: links the audit to a run without naming it.</summary>
    public static string HashIdentifier(string identifier) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identifier)).AsSpan(0, 16));
}
