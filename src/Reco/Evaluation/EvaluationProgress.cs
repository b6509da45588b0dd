namespace Reco.Evaluation;

/// <summary>How far an evaluation has got: test users ranked and measured so far.</summary>
/// <param name="Users">Users done.</param>
/// <param name="TotalUsers">Test users in all.</param>
/// <param name="Elapsed">Time since the evaluation began.</param>
public sealed record EvaluationProgress(int Users, int TotalUsers, TimeSpan Elapsed)
{
    /// <summary>Users per second so far.</summary>
    public double UsersPerSecond => Elapsed.TotalSeconds > 0 ? Users / Elapsed.TotalSeconds : 0;

    /// <summary>The time left at the rate so far, or null before any user is done.</summary>
    public TimeSpan? Remaining => Users > 0 ? Elapsed * ((double)(TotalUsers - Users) / Users) : null;
}
