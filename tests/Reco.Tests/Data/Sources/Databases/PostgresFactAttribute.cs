namespace Reco.Tests.Data.Sources.Databases;

/// <summary>
/// A test against the PostgreSQL server named by <c>RECO_TEST_POSTGRES</c> (a connection string; .ci/run
/// starts a server and sets it). Outside CI, without the variable, the test is reported as skipped with
/// that reason; in CI (<c>CI</c> set) it runs and fails, so a missing database cannot pass unnoticed.
/// </summary>
internal sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "RECO_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)) && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = $"{Variable} is not set, so there is no PostgreSQL server to test against (bash .ci/run starts one).";
        }
    }

    public static string ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{Variable} is not set: CI must start PostgreSQL and export its connection string.");
}
