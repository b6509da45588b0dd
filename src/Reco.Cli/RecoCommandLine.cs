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

        if (parse.Action is not System.CommandLine.Help.HelpAction && Computes(parse.CommandResult.Command)
            && Environment.GetEnvironmentVariable("RECO_KERNEL_WARMUP") != "0")
        {
            // The SIMD kernels are compiled for this machine while the command reads its data
            // (RECO_KERNEL_WARMUP=0 leaves them to their first call, as a library user's process does).
            _ = Reco.Numerics.KernelWarmUp.Start();
        }

        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Commands that train, evaluate or score, and so call the numeric kernels.</summary>
    private static bool Computes(Command command)
    {
        var top = command;
        while (top.Parents.OfType<Command>().FirstOrDefault() is { } parent && parent is not RootCommand)
        {
            top = parent;
        }

        return top.Name is "quickstart" or "train" or "tutorial" or "recommend" or "similar" or "evaluate" or "compare" or "serve";
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
