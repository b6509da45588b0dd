using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Reco.Data.Sources.Parquet;

namespace Reco.Data.Sources.Text;

/// <summary>
/// The text encodings a file may be read in: <c>utf-8</c> (the default) and <c>latin1</c>
/// (ISO-8859-1, as MovieLens 100k and 1M use). Invalid UTF-8 is an error, never replaced.
/// </summary>
public sealed class TextDecoding
{
    private TextDecoding(string name, bool utf8)
    {
        Name = name;
        IsUtf8 = utf8;
    }

    /// <summary>UTF-8, strict.</summary>
    public static TextDecoding Utf8Strict { get; } = new("utf-8", utf8: true);

    /// <summary>ISO-8859-1: every byte is the character of the same code.</summary>
    public static TextDecoding Latin1 { get; } = new("latin1", utf8: false);

    /// <summary>The encoding's name.</summary>
    public string Name { get; }

    internal bool IsUtf8 { get; }

    /// <summary>Finds an encoding by name (<c>utf-8</c>, <c>utf8</c>, <c>latin1</c>, <c>iso-8859-1</c>; any case).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The encoding.</returns>
    /// <exception cref="ArgumentException">The name is not one of them.</exception>
    public static TextDecoding Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => Utf8Strict,
        "latin1" or "latin-1" or "iso-8859-1" or "iso8859-1" => Latin1,
        _ => throw new ArgumentException($"Unknown encoding '{name}'; supported: utf-8, latin1."),
    };

    /// <summary>Decodes into <paramref name="destination"/> (at least as long as the input); false on invalid UTF-8.</summary>
    internal bool TryDecode(ReadOnlySpan<byte> bytes, Span<char> destination, out int written)
    {
        if (!IsUtf8)
        {
            written = Encoding.Latin1.GetChars(bytes, destination);
            return true;
        }

        var status = Utf8.ToUtf16(bytes, destination, out _, out written, replaceInvalidSequences: false);
        return status == OperationStatus.Done;
    }

    internal string? TryGetString(ReadOnlySpan<byte> bytes)
    {
        var buffer = bytes.Length <= 512 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        return TryDecode(bytes, buffer, out int written) ? new string(buffer[..written]) : null;
    }
}
