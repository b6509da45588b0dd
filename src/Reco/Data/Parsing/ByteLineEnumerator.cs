using System.Runtime.CompilerServices;

namespace Reco.Data.Parsing;

/// <summary>
/// Walks the lines of a byte buffer without allocating, stripping <c>\r\n</c> or <c>\n</c>
/// and skipping lines that are empty or only whitespace (such as a trailing blank line).
/// </summary>
internal ref struct ByteLineEnumerator
{
    private ReadOnlySpan<byte> _remaining;

    public ByteLineEnumerator(ReadOnlySpan<byte> text)
    {
        _remaining = text;
    }

    /// <summary>Gets the current line, without its line terminator.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Gets the 1-based number of the current line in the whole buffer, blank lines included.</summary>
    public int LineNumber { get; private set; }

    // Called once per line of a one-shot load: compile it optimized up front instead of in the unoptimized first tier.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MoveNext()
    {
        while (!_remaining.IsEmpty)
        {
            int newline = _remaining.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line;
            if (newline < 0)
            {
                line = _remaining;
                _remaining = default;
            }
            else
            {
                line = _remaining[..newline];
                _remaining = _remaining[(newline + 1)..];
            }

            LineNumber++;
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (!line.Trim(" \t"u8).IsEmpty)
            {
                Current = line;
                return true;
            }
        }

        return false;
    }
}
