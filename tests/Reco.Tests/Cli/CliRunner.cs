using Reco.Cli;

namespace Reco.Tests.Cli;

/// <summary>Runs the <c>reco</c> command line in-process and captures what it writes.</summary>
internal static class CliRunner
{
    public static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await RecoCommandLine.InvokeAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
