using Microsoft.Extensions.Logging;

namespace OccluNet.Live.Capture.Tests.Sources;

/// <summary>Keeps log messages so tests can assert on warnings.</summary>
internal sealed class CollectingLogger : ILogger
{
    readonly List<(LogLevel Level, string Message)> entries = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries { get { lock (entries) return entries.ToList(); } }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (entries) entries.Add((logLevel, formatter(state, exception)));
    }
}
