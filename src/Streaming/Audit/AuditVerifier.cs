using System.Text.Json;

namespace OccluNet.Live.Streaming.Audit;

/// <summary>
/// The outcome of checking an audit file: how many records are intact, where it first breaks (1-based line), and whether
/// the seals were checked with the site's key (<see cref="KeyChecked"/>) or only as plain SHA-256.
/// </summary>
public sealed record AuditVerification(string Path, int Records, int? BrokenAtLine, string? Problem, bool Keyed, bool KeyChecked)
{
    public bool IsIntact => BrokenAtLine is null;

    public override string ToString() => IsIntact
        ? $"{Path}: intact, {Records} records, closed" + (Keyed ? KeyChecked ? ", HMAC seals checked with the key" : ", HMAC-sealed: seals NOT checked (give --key)" : ", SHA-256 chain (no key)")
        : $"{Problem}";
}

/// <summary>
/// Checks an audit file line by line: each line's seal over its whole body (<see cref="AuditChain"/>), its sequence number,
/// its link to the line before, and a closing <c>end</c> record last. With the site's key, every seal must be an HMAC with
/// that key (a chain recomputed without the key, or as plain SHA-256, fails).
/// </summary>
public static class AuditVerifier
{
    public static AuditVerification Verify(string path, AuditKey? key = null)
    {
        string previous = AuditChain.Genesis;
        int line = 0;
        string? lastType = null;
        bool keyed = false;
        AuditVerification Broken(string problem) => new(path, line - 1, line, $"{path} line {line}: {problem}", keyed, false);

        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (!TrySplit(text, out string body, out string hash)) return Broken("not a sealed audit record");
            JsonElement root;
            try
            {
                using JsonDocument doc = JsonDocument.Parse(body + "}");
                root = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                return Broken($"not an audit record ({e.Message})");
            }
            if (Field(root, "seq") is not { ValueKind: JsonValueKind.Number } seq || !seq.TryGetInt64(out long sequence)) return Broken("no sequence number");
            if (sequence != line - 1) return Broken($"sequence {sequence} where {line - 1} was expected (a record was removed, added or moved)");
            if (Field(root, "prev")?.GetString() != previous) return Broken("does not chain to the previous record (a record was removed, added or moved)");
            lastType = Field(root, "type")?.GetString();
            if (line == 1)
            {
                keyed = Field(root, "data") is { ValueKind: JsonValueKind.Object } start && start.TryGetProperty("seal", out var seal) && seal.GetString() == "hmac-sha256";
                string? keyId = Field(root, "data") is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("keyId", out var id) ? id.GetString() : null;
                if (key is not null && !keyed) return Broken("not sealed with a key, but a key was given: a chain recomputed without the key looks like this");
                if (key is not null && keyId != key.Id) return Broken($"sealed with key {keyId}, not with the given key {key.Id}");
            }
            bool checkable = !keyed || key is not null;
            if (checkable && AuditChain.Seal(body, keyed ? key : null) != hash)
                return Broken(keyed ? "seal does not match the record (edited, or sealed without the key)" : "hash does not match the record's content (edited)");
            previous = hash;
        }
        if (line == 0) return new AuditVerification(path, 0, 1, $"{path}: empty, not an audit trail", false, false);
        if (lastType != "end")
        {
            line++;
            return Broken($"no closing 'end' record after {line - 1} records: the trail was cut short (lines removed, or the run was killed before it ended)");
        }
        return new AuditVerification(path, line, null, null, keyed, keyed && key is not null);
    }

    /// <summary>BODY and H of <c>BODY,"hash":"H"}</c>, H 64 lower-case hex digits.</summary>
    static bool TrySplit(string text, out string body, out string hash)
    {
        int at = text.LastIndexOf(AuditChain.HashPrefix, StringComparison.Ordinal);
        body = at < 0 ? "" : text[..at];
        hash = at < 0 ? "" : text[(at + AuditChain.HashPrefix.Length)..].TrimEnd('}').TrimEnd('"');
        return at > 0 && text.EndsWith("\"}", StringComparison.Ordinal) && text.Length == at + AuditChain.HashPrefix.Length + 66
            && hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower);
    }

    static JsonElement? Field(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out JsonElement value) ? value : null;
}
