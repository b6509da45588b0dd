using System.Security.Cryptography;
using System.Text;

namespace Reco.Server.Security;

/// <summary>
/// The administration key: read from a file or the <c>RECO_API_KEY</c> environment variable, compared in
/// constant time (both sides hashed first, so neither the content nor the length leaks through timing), and
/// never written to a log.
/// </summary>
public static class ApiKey
{
    /// <summary>The environment variable read when no key file is given.</summary>
    public const string EnvironmentVariable = "RECO_API_KEY";

    /// <summary>The request header carrying the key (<c>Authorization: Bearer KEY</c> is accepted too).</summary>
    public const string Header = "X-API-Key";

    /// <summary>The key from <paramref name="file"/> (its first line, trimmed), else from the environment, else null.</summary>
    /// <exception cref="IOException">The file cannot be read, or holds no key.</exception>
    public static string? Resolve(string? file, Func<string, string?>? environment = null)
    {
        if (file is not null)
        {
            if (Directory.Exists(file))
            {
                throw new IOException($"The API key file '{file}' is a folder; give the file that holds the key.");
            }

            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"Cannot read the API key file '{file}': {e.Message}");
            }

            var key = text.Split('\n', 2)[0].Trim();
            return key.Length > 0 ? key : throw new IOException($"The API key file '{file}' is empty.");
        }

        var fromEnvironment = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable)?.Trim();
        return string.IsNullOrEmpty(fromEnvironment) ? null : fromEnvironment;
    }

    /// <summary>Whether <paramref name="offered"/> is <paramref name="expected"/>, in time independent of both.</summary>
    public static bool Matches(string expected, string? offered)
    {
        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(offered ?? ""), b);
        return CryptographicOperations.FixedTimeEquals(a, b) && offered is not null;
    }
}
