using System.Security.Cryptography;
using Reco.Data.Sources;

namespace Reco.Data;

/// <summary>
/// A fingerprint of a data source's content, kept with models trained on it: the SHA-256 of a file (of its
/// first and last 4 MiB and its size when it is larger than 64 MiB), of every file of a folder, or of a
/// database query's text.
/// </summary>
public static class DataFingerprint
{
    private const long WholeFileLimit = 64L << 20;
    private const int EdgeBytes = 4 << 20;

    /// <summary>The fingerprint of the source at <paramref name="location"/>, or null when it cannot be read.</summary>
    public static string? Of(string location, DataFormat format, string? query = null)
    {
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            if (format is DataFormat.Postgres or DataFormat.Sqlite)
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(query ?? string.Empty));
                if (format == DataFormat.Sqlite && File.Exists(location))
                {
                    AppendFile(hash, location);
                }
            }
            else if (Directory.Exists(location))
            {
                foreach (var file in Directory.GetFiles(location).Order(StringComparer.Ordinal))
                {
                    hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file)));
                    AppendFile(hash, file);
                }
            }
            else if (File.Exists(location))
            {
                AppendFile(hash, location);
            }
            else
            {
                return null;
            }

            return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void AppendFile(IncrementalHash hash, string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        long length = stream.Length;
        hash.AppendData(BitConverter.GetBytes(length));
        if (length <= WholeFileLimit)
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }

            return;
        }

        var edge = new byte[EdgeBytes];
        stream.ReadExactly(edge);
        hash.AppendData(edge);
        stream.Seek(-EdgeBytes, SeekOrigin.End);
        stream.ReadExactly(edge);
        hash.AppendData(edge);
    }
}
