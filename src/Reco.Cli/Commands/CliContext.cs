using System.CommandLine;
using Reco.Data;
using Reco.Serialization;
using Spectre.Console;

namespace Reco.Cli.Commands;

/// <summary>Where a command writes, and how it turns expected failures into a one-line error.</summary>
internal sealed class CliContext
{
    private CliContext(TextWriter output, TextWriter error, bool interactive)
    {
        Output = output;
        Error = error;
        Interactive = interactive;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>True when writing to a terminal: progress bars instead of plain lines.</summary>
    public bool Interactive { get; }

    public IAnsiConsole Console { get; }

    public static CliContext From(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        bool terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        return new CliContext(output, parse.InvocationConfiguration.Error, terminal);
    }

    /// <summary>Runs a command body, reporting bad input as a clear message and exit code 1 instead of a stack trace.</summary>
    public async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (IsUserError(e))
        {
            await Error.WriteLineAsync($"error: {e.Message}");
            return 1;
        }
    }

    private static bool IsUserError(Exception e) => e is DataFormatException or DatasetNotFoundException or ChecksumMismatchException
        or CorruptModelException or ModelNotFoundException or FormatException or HttpRequestException or ArgumentException
        or InvalidDataException or DirectoryNotFoundException or FileNotFoundException or UnauthorizedAccessException;
}
