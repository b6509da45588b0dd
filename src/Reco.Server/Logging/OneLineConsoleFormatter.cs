using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Reco.Server.Logging;

/// <summary>
/// Console log lines as <c>2026-01-02T03:04:05Z info Reco.Server.Hosting.ModelHost: message</c>: one line per
/// event, an exception reduced to its message (the stack trace only with <c>RECO_DEBUG=1</c>).
/// </summary>
public sealed class OneLineConsoleFormatter : ConsoleFormatter
{
    /// <summary>The formatter's name.</summary>
    public const string FormatterName = "reco";

    private static readonly bool Debug = Environment.GetEnvironmentVariable("RECO_DEBUG") == "1";

    /// <summary>Creates the formatter.</summary>
    public OneLineConsoleFormatter()
        : base(FormatterName)
    {
    }

    /// <inheritdoc/>
    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception) ?? "";
        if (logEntry.Exception is { } e)
        {
            message = Debug ? $"{message}: {e}" : $"{message}: {e.Message}";
        }

        if (!Debug)
        {
            message = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        textWriter.Write(DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        textWriter.Write(Level(logEntry.LogLevel));
        textWriter.Write(' ');
        textWriter.Write(logEntry.Category);
        textWriter.Write(": ");
        textWriter.WriteLine(message);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };
}
