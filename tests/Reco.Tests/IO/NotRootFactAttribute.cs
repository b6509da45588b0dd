namespace Reco.Tests.IO;

/// <summary>A fact about Unix permissions: skipped on Windows and when the tests run as root, who may write anywhere.</summary>
public sealed class NotRootFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> for a privileged process.</summary>
    public NotRootFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes only.";
        }
        else if (Environment.IsPrivilegedProcess)
        {
            Skip = "Runs only as an unprivileged user: root is not stopped by a read-only folder.";
        }
    }
}
