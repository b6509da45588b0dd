using System.Security.Cryptography;

namespace Reco.Data.Download;

/// <summary>MD5 helpers for verifying dataset files against published checksums.</summary>
internal static class FileHashes
{
    public static string ComputeMd5(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }

    public static async Task<string> ComputeMd5Async(string path, CancellationToken cancellationToken)
    {
        await using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Convert.ToHexStringLower(await MD5.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    public static bool Matches(string expectedHex, string actualHex) =>
        string.Equals(expectedHex, actualHex, StringComparison.OrdinalIgnoreCase);
}
