using System.Text.Json;

namespace OccluNet.Live.Streaming.Audit;

/// <summary>The outcome of checking an audit file: how many records are intact, and where the chain first breaks.</summary>
public sealed record AuditVerification(int Records, int? BrokenAtLine, string? Problem)
{
    public bool IsIntact => BrokenAtLine is null;
}

/// <summary>Recomputes an audit file's hash chain.</summary>
public static class AuditVerifier
{
    public static AuditVerification Verify(string path)
    {
        string previous = AuditChain.Genesis;
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (Check(text, line - 1, previous, out string? hash) is string problem)
                return new AuditVerification(line - 1, line, $"{path} line {line}: {problem}");
            previous = hash!;
        }
        return new AuditVerification(line, null, null);
    }

    static string? Check(string text, long expectedSequence, string previous, out string? hash)
    {
        hash = null;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            JsonElement root = doc.RootElement;
            long sequence = root.GetProperty("seq").GetInt64();
            if (sequence != expectedSequence) return $"sequence {sequence} where {expectedSequence} was expected";
            if (root.GetProperty("prev").GetString() != previous) return "does not chain to the previous record";
            string computed = AuditChain.Hash(previous, sequence, root.GetProperty("type").GetString()!, root.GetProperty("at").GetString()!, root.GetProperty("data").GetRawText());
            hash = root.GetProperty("hash").GetString();
            return computed == hash ? null : "hash does not match the record's content";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"not an audit record ({e.Message})";
        }
    }
}
