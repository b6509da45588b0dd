using System.Text;
using Reco.Data;
using Reco.Data.Sources;
using Reco.Tests.Data.Sources.Text;
using Reco.Data.Sources.Text;

namespace Reco.Fuzz;

/// <summary>
/// One fuzzing input: its first two bytes choose the delimiter, the header, bad-row skipping, a time
/// column and how finely the file is cut for parallel parsing; the rest is the file. The file is loaded
/// by the library and read by the reference reader; any disagreement, or any exception other than the
/// library's one-line errors, is a finding (an exception that escapes).
/// </summary>
internal static class FuzzTarget
{
    private static readonly string[] Delimiters = [",", "\t", ";", "::", "|", "~^"];
    private static readonly string Folder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
    private static readonly string FilePath = Path.Combine(Folder, $"reco-fuzz-{Environment.ProcessId}.txt");

    /// <summary>Whether ranges are parsed on several threads: yes in the randomized run, no under afl-fuzz (whose coverage map threads would blur).</summary>
    public static bool Parallel { get; set; } = true;

    public static void Run(byte[] input)
    {
        if (input.Length < 2)
        {
            return;
        }

        byte a = input[0];
        byte b = input[1];
        byte[] content = input[2..];
        string delimiter = Delimiters[(a & 0x07) % Delimiters.Length];
        bool header = (a & 0x08) != 0;
        bool skipping = (a & 0x10) != 0;
        bool withTime = (a & 0x20) != 0;
        var chunking = (b & 0x03) == 0 ? TextChunking.Default with { Parallel = Parallel } : new TextChunking(1 + (b >> 2), 1 + (b & 0x0F), 1 + (b >> 3), 1 + (b >> 4), Parallel);
        File.WriteAllBytes(FilePath, content);
        try
        {
            var mapping = new ColumnMapping("1", "2", "3", withTime ? "4" : null);
            var options = new LoadOptions
            {
                Columns = mapping,
                SkipBadRows = skipping,
                MaxBadRowExamples = int.MaxValue,
                Duplicates = DuplicatePolicy.KeepAll,
                Feedback = FeedbackKind.Explicit,
            };
            LoadResult Load() => DelimitedTextSource.Load(FilePath, new TextFormat { Delimiter = delimiter, HasHeader = header }, options, chunking);
            var expected = ReferenceCsv.Read(content, Encoding.UTF8.GetBytes(delimiter), header, 0, 1, 2, withTime ? 3 : -1);
            if (!Comparable(content, expected, header))
            {
                // Only the library's own one-line errors may come out.
                try
                {
                    Load();
                }
                catch (Exception e) when (e is DataFormatException or InvalidDataException)
                {
                    RequireOneLine(e);
                }

                return;
            }

            string? mismatch;
            try
            {
                mismatch = ReferenceCheck.Compare(Load, expected, mapping, skipping);
            }
            catch (Exception e) when (e is DataFormatException or InvalidDataException)
            {
                throw new InvalidOperationException($"Unexpected error: {e.Message}", e);
            }

            if (mismatch is not null)
            {
                throw new InvalidOperationException($"The library and the reference reader disagree: {mismatch}");
            }
        }
        finally
        {
            File.Delete(FilePath);
        }
    }

    /// <summary>
    /// Inputs the reference reader does not model: what the source refuses as a whole before reading rows
    /// (compressed or binary data, UTF-16), and headers whose names could be taken for the column positions.
    /// </summary>
    private static bool Comparable(byte[] content, ReferenceCsv.Result expected, bool header)
    {
        var head = content.AsSpan(0, Math.Min(content.Length, 4096));
        bool refused = content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]) || content.AsSpan().StartsWith("PK\u0003\u0004"u8)
            || content.AsSpan().StartsWith("BZh"u8) || content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00])
            || content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD]) || content.AsSpan().StartsWith("PAR1"u8)
            || content.AsSpan().StartsWith("SQLite format 3\0"u8) || content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
            || content.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || (head.Length >= 16 && head.Count((byte)0) * 4 >= head.Length)
            || content.Length > 1 << 20 || DelimitedTextSource.EndsLinesWithCarriageReturns(content);
        bool ambiguousNames = header && expected.Names is { } names && names.Any(n => n is "1" or "2" or "3" or "4");
        return !refused && !ambiguousNames;
    }

    private static void RequireOneLine(Exception e)
    {
        if (e.Message.Contains('\n', StringComparison.Ordinal) || e.Message.Contains('\r', StringComparison.Ordinal) || e.Message.Contains("System.", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"An error message is not one clean line: {e.Message}", e);
        }
    }
}
