using System.Globalization;
using System.Text.Json;
using OccluNet.Live.Domain;

namespace OccluNet.Live.Streaming.Audit;

/// <summary>Appends hash-chained records to a new file, flushing each one (append-only: the file is created, never rewritten).</summary>
public sealed class AuditWriter : IDisposable
{
    readonly FileStream _file;
    readonly StreamWriter _writer;
    string _previous = AuditChain.Genesis;
    long _sequence;

    /// <exception cref="IOException">The file exists already.</exception>
    public AuditWriter(string path)
    {
        Path = path;
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        _writer = new StreamWriter(_file);
    }

    public string Path { get; }

    public void Append(string type, object data)
    {
        string at = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        string json = JsonSerializer.Serialize(data, DomainJson.Compact);
        string hash = AuditChain.Hash(_previous, _sequence, type, at, json);
        _writer.Write($"{{\"seq\":{_sequence},\"type\":{JsonSerializer.Serialize(type)},\"at\":\"{at}\",\"data\":{json},\"prev\":\"{_previous}\",\"hash\":\"{hash}\"}}\n");
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
