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
        RecommendCommand.Create(),
        SimilarCommand.Create(),
        EvaluateCommand.Create(),
        CompareCommand.Create(),
        DatasetsCommand.Create(),
    };

    /// <summary>Runs the command line; output and error default to the console.</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
        };
        return Build().Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
