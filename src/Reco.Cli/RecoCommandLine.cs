using System.CommandLine;
using Reco.Cli.Commands;

namespace Reco.Cli;

/// <summary>The <c>reco</c> command line: a thin layer over the library.</summary>
public static class RecoCommandLine
{
    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build() => new("Reco: recommender systems for .NET (TFRS-style two-tower retrieval and more).")
    {
        QuickstartCommand.Create(),
        TrainCommand.Create(),
        TutorialCommand.Create(),
        RecommendCommand.Create(),
        SimilarCommand.Create(),
        EvaluateCommand.Create(),
        CompareCommand.Create(),
        DatasetsCommand.Create(),
        ServeCommand.Create(),
    };

    /// <summary>Runs the command line; output and error default to the console.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        };
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // The first error (an unrecognised word first: it explains the others) and one hint, not pages of help.
            var message = parse.Errors.Select(e => e.Message).OrderBy(m => m.StartsWith("Unrecognized", StringComparison.Ordinal) ? 0 : 1).First();
            await configuration.Error.WriteLineAsync($"error: {message}");

            var path = string.Join(' ', CommandPath(parse.CommandResult.Command, parse.RootCommandResult.Command));
            await configuration.Error.WriteLineAsync($"See '{path} --help'.");
            return 1;
        }

        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    private static IEnumerable<string> CommandPath(Command command, Command root)
    {
        var names = new Stack<string>();
        for (Command? current = command; current is not null && !ReferenceEquals(current, root); current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Push(current.Name);
        }

        return ["reco", .. names];
    }
}
