namespace Reco.Data.Sources.Text;

/// <summary>
/// How a text file is cut for parallel parsing. The defaults suit large files; tests use tiny sizes so
/// that small files span many ranges, blocks and buffers, and every boundary is exercised.
/// </summary>
/// <param name="RangeBytes">The smallest range one thread parses.</param>
/// <param name="MaxRanges">The most ranges a file is cut into.</param>
/// <param name="BlockBytes">The block the planner reads at a time (grown for longer lines).</param>
/// <param name="BufferBytes">The read buffer of one range's parser (grown for longer records).</param>
/// <param name="Parallel">Whether ranges are read on several threads; one thread (in order) gives the fuzzer repeatable coverage.</param>
internal sealed record TextChunking(long RangeBytes, int MaxRanges, int BlockBytes, int BufferBytes, bool Parallel = true)
{
    public static TextChunking Default { get; } = new(8 << 20, Environment.ProcessorCount * 2, 1 << 20, 4 << 20);
}
