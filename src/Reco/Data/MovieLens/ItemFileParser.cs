using Reco.Data.Parsing;
namespace Reco.Data.MovieLens;

/// <summary>
/// Parses <c>u.item</c>: Latin-1 text, one <c>id|title|release date|video release date|IMDb URL|flags...</c>
/// line per movie, with one 0/1 flag per genre.
/// </summary>
internal static class ItemFileParser
{
    private const int FieldsBeforeGenres = 5;

    public static List<MovieLensMovie> Parse(string path, ReadOnlySpan<byte> content, IReadOnlyList<string> genreNames)
    {
        int expectedFields = FieldsBeforeGenres + genreNames.Count;
        var movies = new List<MovieLensMovie>(1700);
        var lineOfItem = new Dictionary<int, int>(1700);
        Span<Range> fields = expectedFields <= 64 ? stackalloc Range[expectedFields] : new Range[expectedFields];
        var lines = new ByteLineEnumerator(content);
        while (lines.MoveNext())
        {
            ReadOnlySpan<byte> line = lines.Current;
            int lineNumber = lines.LineNumber;
            int count = FieldSplitter.Split(line, (byte)'|', fields);
            if (count != expectedFields)
            {
                throw new DataFormatException(path, lineNumber, $"expected {expectedFields} pipe-separated fields, found {count}");
            }

            ReadOnlySpan<byte> idField = line[fields[0]];
            if (!FieldText.TryParseInt32(idField, out int itemId))
            {
                throw new DataFormatException(path, lineNumber, $"item id {FieldText.Quote(idField)} is not a whole number");
            }

            if (!lineOfItem.TryAdd(itemId, lineNumber))
            {
                throw new DataFormatException(path, lineNumber, $"item id {itemId} is repeated (first on line {lineOfItem[itemId]})");
            }

            string title = FieldText.Latin1(line[fields[1]]);
            DateOnly? releaseDate = ParseReleaseDate(path, lineNumber, line[fields[2]]);
            IReadOnlyList<string> genres = ParseGenres(path, lineNumber, line, fields[FieldsBeforeGenres..], genreNames);
            movies.Add(new MovieLensMovie(itemId, title, releaseDate, genres));
        }

        return movies;
    }

    private static DateOnly? ParseReleaseDate(string path, int lineNumber, ReadOnlySpan<byte> field)
    {
        if (field.Trim(" "u8).IsEmpty)
        {
            return null;
        }

        return ReleaseDateParser.TryParse(field, out DateOnly date)
            ? date
            : throw new DataFormatException(path, lineNumber, $"release date {FieldText.Quote(field)} is not in dd-MMM-yyyy format");
    }

    private static IReadOnlyList<string> ParseGenres(
        string path,
        int lineNumber,
        ReadOnlySpan<byte> line,
        ReadOnlySpan<Range> flagFields,
        IReadOnlyList<string> genreNames)
    {
        int setCount = 0;
        for (int g = 0; g < flagFields.Length; g++)
        {
            ReadOnlySpan<byte> flag = line[flagFields[g]];
            if (flag.SequenceEqual("1"u8))
            {
                setCount++;
            }
            else if (!flag.SequenceEqual("0"u8))
            {
                throw new DataFormatException(path, lineNumber, $"genre flag {FieldText.Quote(flag)} for {genreNames[g]} must be 0 or 1");
            }
        }

        if (setCount == 0)
        {
            return [];
        }

        var genres = new string[setCount];
        int next = 0;
        for (int g = 0; g < flagFields.Length; g++)
        {
            if (line[flagFields[g]].SequenceEqual("1"u8))
            {
                genres[next++] = genreNames[g];
            }
        }

        return genres;
    }
}
