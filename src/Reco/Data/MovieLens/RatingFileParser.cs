using System.Globalization;
using System.Runtime.CompilerServices;

namespace Reco.Data.MovieLens;

/// <summary>
/// Parses <c>u.data</c>: one <c>user id\titem id\trating\ttimestamp</c> line per rating,
/// attaching each rating's movie title from the already parsed movies.
/// </summary>
internal static class RatingFileParser
{
    private const int FieldCount = 4;

    // One call per load loops over 100,000 lines: compile it fully optimized from the start
    // instead of running the whole first load in unoptimized first-tier code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<MovieLensRating> Parse(string path, ReadOnlySpan<byte> content, IReadOnlyList<MovieLensMovie> movies)
    {
        var titleByItem = new Dictionary<int, string>(movies.Count);
        foreach (MovieLensMovie movie in movies)
        {
            titleByItem[movie.ItemId] = movie.Title;
        }

        // Ids repeat across many ratings; share one string per user instead of allocating one per row.
        var userIdText = new Dictionary<int, string>();

        // u.data lines are 15 to 22 bytes long; the estimate only sizes the list.
        var ratings = new List<MovieLensRating>((content.Length / 18) + 1);
        Span<Range> fields = stackalloc Range[FieldCount];
        var lines = new ByteLineEnumerator(content);
        while (lines.MoveNext())
        {
            ReadOnlySpan<byte> line = lines.Current;
            int lineNumber = lines.LineNumber;
            int count = FieldSplitter.Split(line, (byte)'\t', fields);
            if (count != FieldCount)
            {
                throw new DataFormatException(path, lineNumber, $"expected {FieldCount} tab-separated fields, found {count}");
            }

            ReadOnlySpan<byte> userField = line[fields[0]];
            ReadOnlySpan<byte> itemField = line[fields[1]];
            ReadOnlySpan<byte> ratingField = line[fields[2]];
            ReadOnlySpan<byte> timestampField = line[fields[3]];

            if (!FieldText.TryParseInt32(userField, out int userId))
            {
                throw new DataFormatException(path, lineNumber, $"user id {FieldText.Quote(userField)} is not a whole number");
            }

            if (!FieldText.TryParseInt32(itemField, out int itemId))
            {
                throw new DataFormatException(path, lineNumber, $"item id {FieldText.Quote(itemField)} is not a whole number");
            }

            if (!FieldText.TryParseFiniteSingle(ratingField, out float rating))
            {
                throw new DataFormatException(path, lineNumber, $"rating {FieldText.Quote(ratingField)} is not a number");
            }

            if (!FieldText.TryParseInt64(timestampField, out long timestamp))
            {
                throw new DataFormatException(path, lineNumber, $"timestamp {FieldText.Quote(timestampField)} is not a whole number");
            }

            if (!titleByItem.TryGetValue(itemId, out string? title))
            {
                throw new DataFormatException(path, lineNumber, $"item id {itemId} does not appear in u.item");
            }

            if (!userIdText.TryGetValue(userId, out string? userText))
            {
                userText = userId.ToString(CultureInfo.InvariantCulture);
                userIdText.Add(userId, userText);
            }

            ratings.Add(new MovieLensRating(userText, itemId, title, rating, timestamp));
        }

        return ratings;
    }
}
