using System.Globalization;
using Reco.Evaluation;

namespace Reco.Cli.Display;

/// <summary>
/// Says where a long evaluation is, every few seconds: users ranked so far, the rate and the time left.
/// Quick evaluations print nothing.
/// </summary>
internal sealed class EvaluationLines(TextWriter output) : IProgress<EvaluationProgress>
{
    private readonly Lock _gate = new();
    private TimeSpan _last = TimeSpan.Zero;

    public void Report(EvaluationProgress value)
    {
        lock (_gate)
        {
            if (value.Elapsed - _last < TimeSpan.FromSeconds(5) || value.Users >= value.TotalUsers)
            {
                return;
            }

            _last = value.Elapsed;
            string left = value.Remaining is { } remaining ? $", about {remaining.TotalSeconds:F0}s left" : string.Empty;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  evaluating: {value.Users:N0}/{value.TotalUsers:N0} users, {value.UsersPerSecond:N0} users/s{left}"));
            output.Flush();
        }
    }
}
