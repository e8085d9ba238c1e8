using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Tests.Infrastructure;

/// <summary>
/// The last lines a test's host logged, kept in memory so that a test that times out can say what the trigger
/// engine was doing (a failed end-to-end run on a loaded machine is otherwise silent).
/// Its levels come from the "Logging:TestHostLog" settings, apart from the console's.
/// </summary>
[ProviderAlias("TestHostLog")]
public sealed class HostLog(int capacity = 1000) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The kept lines, oldest first.</summary>
    public string Tail() => lines.IsEmpty ? "(the host logged nothing)" : string.Join('\n', lines);

    public void Dispose() { }

    private void Add(string line)
    {
        lines.Enqueue(line);
        while (lines.Count > capacity) lines.TryDequeue(out _);
    }

    private sealed class Logger(HostLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel.ToString()[..4]} {category}: {formatter(state, exception)}";
            if (exception is not null) text += $" [{exception.GetType().Name}: {exception.Message}]";
            log.Add(text);
        }
    }
}
