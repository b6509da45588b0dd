using Reco.Data.Parsing;
namespace Reco.Data.MovieLens;

/// <summary>Parses <c>u.genre</c>: one <c>name|index</c> line per genre, indices 0, 1, 2, ...</summary>
internal static class GenreFileParser
{
    // Guards against a corrupt index making us allocate a huge table; the real file has 19 genres.
    private const int MaxGenreCount = 1024;

    public static IReadOnlyList<string> Parse(string path, ReadOnlySpan<byte> content)
    {
        var names = new List<string?>();
        var lineOfIndex = new Dictionary<int, int>();
        Span<Range> fields = stackalloc Range[2];
        var lines = new ByteLineEnumerator(content);
        while (lines.MoveNext())
        {
            ReadOnlySpan<byte> line = lines.Current;
            int count = FieldSplitter.Split(line, (byte)'|', fields);
            if (count != 2)
            {
                throw new DataFormatException(path, lines.LineNumber, $"expected 2 pipe-separated fields, found {count}");
            }

            ReadOnlySpan<byte> indexField = line[fields[1]];
            if (!FieldText.TryParseInt32(indexField, out int index) || index < 0 || index >= MaxGenreCount)
            {
                throw new DataFormatException(path, lines.LineNumber, $"genre index {FieldText.Quote(indexField)} is not a whole number from 0 to {MaxGenreCount - 1}");
            }

            if (lineOfIndex.TryGetValue(index, out int firstLine))
            {
                throw new DataFormatException(path, lines.LineNumber, $"genre index {index} is repeated (first on line {firstLine})");
            }

            lineOfIndex.Add(index, lines.LineNumber);
            while (names.Count <= index)
            {
                names.Add(null);
            }

            names[index] = FieldText.Latin1(line[fields[0]]);
        }

        if (names.Count == 0)
        {
            throw new DataFormatException(path, Math.Max(lines.LineNumber, 1), "the file lists no genres");
        }

        int missing = names.IndexOf(null);
        if (missing >= 0)
        {
            throw new DataFormatException(path, lines.LineNumber, $"genre index {missing} is missing");
        }

        return Array.AsReadOnly(names.Select(n => n!).ToArray());
    }
}
