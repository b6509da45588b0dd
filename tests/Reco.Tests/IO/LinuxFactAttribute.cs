namespace Reco.Tests.IO;

/// <summary>A fact about Linux's file system (devices, sockets through <c>statx</c>): skipped elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> off Linux.</summary>
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Linux only: special files are told from regular ones through statx.";
        }
    }
}
