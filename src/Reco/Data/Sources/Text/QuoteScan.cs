namespace Reco.Data.Sources.Text;

/// <summary>Follows records through a block of whole lines to learn where quoted fields leave the reader at its end.</summary>
internal static class QuoteScan
{
    /// <summary>The outcome of a block without any quote: every line is a record, and an open quoted field stays open.</summary>
    public static BlockOutcome Plain(bool startInQuotes) => startInQuotes ? new(true, -1, -1, -1) : new(false, 0, -1, -1);

    /// <summary>Reads the records of <paramref name="block"/>, which ends with a line feed or at the end of the input, from the given state.</summary>
    public static BlockOutcome Simulate(ReadOnlySpan<byte> block, bool startInQuotes, RecordSplitter splitter)
    {
        int pos = 0;
        int first = 0;
        if (startInQuotes)
        {
            if (splitter.SplitQuoted(block, final: true, resumeInQuotes: true, [], out _, out int end, out int reopened) == RecordStatus.Unclosed)
            {
                // Still in the record begun before the block: in the same quoted field, or in a later one of it.
                return new BlockOutcome(true, -1, -1, reopened);
            }

            pos = first = Math.Min(end + 1, block.Length);
        }

        // From a record start, every line before the next quote is a whole record of plain fields:
        // jump to the start of the line that holds the quote and read that record.
        while (pos < block.Length)
        {
            int quote = block[pos..].IndexOf((byte)'"');
            if (quote < 0)
            {
                break;
            }

            pos += block.Slice(pos, quote).LastIndexOf((byte)'\n') + 1;
            if (splitter.SplitQuoted(block[pos..], final: true, resumeInQuotes: false, [], out _, out int end, out int open) == RecordStatus.Unclosed)
            {
                return new BlockOutcome(true, first, pos, pos + open);
            }

            pos += end + 1;
        }

        return new BlockOutcome(false, first, -1, -1);
    }
}

/// <summary>Where reading a block from one state ends.</summary>
/// <param name="EndInQuotes">Whether the block ends inside a quoted field.</param>
/// <param name="FirstRecord">The offset of the first record start (0 when the block starts at one; the block's length when it is the next block's start), or −1 for none.</param>
/// <param name="OpenRecord">When the block ends inside a quoted field of a record that starts in it: the offset of that record's start; else −1.</param>
/// <param name="OpenQuote">When the block ends inside a quoted field opened in it: the offset of the opening quote; else −1.</param>
internal readonly record struct BlockOutcome(bool EndInQuotes, int FirstRecord, int OpenRecord, int OpenQuote);
