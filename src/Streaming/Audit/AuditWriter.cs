using System.Globalization;
using System.Text.Json;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Streaming.Audit;

/// <summary>
/// Appends sealed, chained records (<see cref="AuditChain"/>) to a new file, flushing each one (append-only: the file is
/// created, never rewritten).
/// </summary>
internal sealed class AuditWriter : IDisposable
{
    readonly FileStream file;
    readonly StreamWriter writer;
    readonly AuditKey? key;
    string previous = AuditChain.Genesis;
    long sequence;

    /// <exception cref="OutputFolderException">The file exists already or cannot be created.</exception>
    public AuditWriter(OutputFolder folder, string name, AuditKey? key)
    {
        file = folder.CreateNew(name);
        Path = file.Name;
        writer = new StreamWriter(file);
        this.key = key;
    }

    public string Path { get; }

    public void Append(string type, object data)
    {
        string at = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        string json = JsonSerializer.Serialize(data, DomainJson.Compact);
        string body = $"{{\"seq\":{sequence},\"type\":{JsonSerializer.Serialize(type)},\"at\":\"{at}\",\"data\":{json},\"prev\":\"{previous}\"";
        string hash = AuditChain.Seal(body, key);
        writer.Write($"{body}{AuditChain.HashPrefix}{hash}\"}}\n");
        writer.Flush();
        previous = hash;
        sequence++;
    }

    public void Dispose()
    {
        writer.Flush();
        file.Flush(flushToDisk: true);
        writer.Dispose();
    }
}
