using System.Text.RegularExpressions;

namespace Reco.Data.Sources.Databases;

/// <summary>Keeps passwords out of messages: every <c>Password=…</c> (or <c>Pwd=…</c>) setting and any given secret is replaced by <c>***</c>.</summary>
internal static partial class Secrets
{
    /// <summary>The message with password settings, and <paramref name="secrets"/> (when not trivially short), blanked, on one line.</summary>
    public static string Scrub(string message, params string?[] secrets)
    {
        string scrubbed = PasswordSetting().Replace(message, "$1=***");
        foreach (string? secret in secrets)
        {
            if (secret is { Length: >= 3 })
            {
                scrubbed = scrubbed.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return scrubbed.ReplaceLineEndings(" ").Trim();
    }

    [GeneratedRegex("""(?i)\b(password|pwd|passfile)\s*=\s*("[^"]*"?|'[^']*'?|[^;\s]*)""")]
    private static partial Regex PasswordSetting();
}
