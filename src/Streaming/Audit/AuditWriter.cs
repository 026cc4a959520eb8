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
    readonly FileStream _file;
    readonly StreamWriter _writer;
    readonly AuditKey? _key;
    string _previous = AuditChain.Genesis;
    long _sequence;

    /// <exception cref="OutputFolderException">The file exists already or cannot be created.</exception>
    public AuditWriter(OutputFolder folder, string name, AuditKey? key)
    {
        _file = folder.CreateNew(name);
        Path = _file.Name;
        _writer = new StreamWriter(_file);
        _key = key;
    }

    public string Path { get; }

    public void Append(string type, object data)
    {
        string at = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        string json = JsonSerializer.Serialize(data, DomainJson.Compact);
        string body = $"{{\"seq\":{_sequence},\"type\":{JsonSerializer.Serialize(type)},\"at\":\"{at}\",\"data\":{json},\"prev\":\"{_previous}\"";
        string hash = AuditChain.Seal(body, _key);
        _writer.Write($"{body}{AuditChain.HashPrefix}{hash}\"}}\n");
        _writer.Flush();
        _previous = hash;
        _sequence++;
    }

    public void Dispose()
    {
        _writer.Flush();
        _file.Flush(flushToDisk: true);
        _writer.Dispose();
    }
}
