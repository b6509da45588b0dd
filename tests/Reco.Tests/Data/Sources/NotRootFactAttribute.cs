namespace Reco.Tests.Data.Sources;

/// <summary>A test that needs file permissions to be enforced: skipped when running as root, who may read any file.</summary>
internal sealed class NotRootFactAttribute : FactAttribute
{
    public NotRootFactAttribute()
    {
        if (IsRoot)
        {
            Skip = "Running as root, for whom file permissions are not enforced.";
        }
    }

    public static bool IsRoot => !OperatingSystem.IsWindows() && (Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root");
}
