using System.Text;

namespace Reco.Tests.Data.Sources.Text;

/// <summary>Writes small text files for the source tests.</summary>
internal static class TextFiles
{
    public static string Write(TempDirectory folder, string name, string content, Encoding? encoding = null)
    {
        string path = folder.Combine(name);
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(content));
        return path;
    }

    public static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));
}
