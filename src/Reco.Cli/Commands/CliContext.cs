using System.CommandLine;
using Reco.Data;
using Reco.Data.Download;
using Reco.Serialization;
using Reco.Training;
using Spectre.Console;

namespace Reco.Cli.Commands;

/// <summary>Where a command writes, and how it turns every failure into one line on standard error.</summary>
internal sealed partial class CliContext
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

    /// <summary>Runs a command body; any failure is one line on standard error and exit code 1, never a stack trace.</summary>
    public async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (OperationCanceledException)
        {
            await Error.WriteLineAsync("error: cancelled.");
            return 130;
        }
        catch (Exception e)
        {
            await Error.WriteLineAsync($"error: {Describe(e)}");
            if (Environment.GetEnvironmentVariable("RECO_DEBUG") == "1")
            {
                await Error.WriteLineAsync(e.ToString());
            }

            return 1;
        }
    }

    /// <summary>The message of an expected failure, or a one-line description of an unexpected one.</summary>
    internal static string Describe(Exception e)
    {
        string message = OneLine(e.Message);
        return IsUserError(e) ? message : $"{message} (an unexpected failure; set RECO_DEBUG=1 to see where it happened)";
    }

    /// <summary>The message on one line, without the " (Parameter 'name')" that .NET appends to argument exceptions.</summary>
    private static string OneLine(string message)
    {
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return ParameterSuffix().Replace(line, string.Empty);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@" \(Parameter '[^']*'\)$")]
    private static partial System.Text.RegularExpressions.Regex ParameterSuffix();

    private static bool IsUserError(Exception e) => e is DataFormatException or DatasetNotFoundException or ChecksumMismatchException
        or CorruptModelException or ModelNotFoundException or FormatException or HttpRequestException or ArgumentException
        or InvalidDataException or IOException or UnauthorizedAccessException or TrainingDivergedException or NotSupportedException;
}
