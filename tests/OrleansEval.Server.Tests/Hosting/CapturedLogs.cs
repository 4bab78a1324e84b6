using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OrleansEval.Server.Tests.Hosting;

/// <summary>Keeps every log entry the server writes (at the levels its configuration lets through) for a test to read.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    /// <summary>Entries at <paramref name="level"/> or above, oldest first.</summary>
    public IReadOnlyList<CapturedLog> AtLeast(LogLevel level) => [.. _entries.Where(e => e.Level >= level)];

    /// <summary>Entries at <paramref name="level"/> or above with their exceptions, one a line, for a failure message.</summary>
    public string Describe(LogLevel level) =>
        string.Join(Environment.NewLine, AtLeast(level).Select(e => $"{e} {e.Exception?.Message}"));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception), exception));
    }
}

/// <summary>One log entry: its level, category, message and exception.</summary>
internal sealed record CapturedLog(LogLevel Level, string Category, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message} {Exception?.GetType().Name}";
}
