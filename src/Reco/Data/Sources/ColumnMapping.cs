using Reco.Data.Parsing;

namespace Reco.Data.Sources;

/// <summary>
/// Which source columns hold the user id, the item id and, optionally, the rating (or implicit weight)
/// and the time of each interaction. Columns are named as in the source's header or schema; a file
/// without a header names them by 1-based position (<c>"1"</c>, <c>"2"</c>, …).
/// </summary>
/// <param name="User">The user id column.</param>
/// <param name="Item">The item id column.</param>
/// <param name="Rating">The rating or weight column; <see langword="null"/> for none (implicit, weight 1).</param>
/// <param name="Time">The time column: Unix seconds or ISO-8601 text; <see langword="null"/> for none.</param>
public sealed record ColumnMapping(string User, string Item, string? Rating = null, string? Time = null)
{
    private static readonly string[] UserNames = ["user", "user_id", "userid", "user id", "uid"];
    private static readonly string[] ItemNames = ["item", "item_id", "itemid", "item id", "movieid", "movie_id", "product_id", "iid"];
    private static readonly string[] RatingNames = ["rating", "weight", "score", "count", "value"];
    private static readonly string[] TimeNames = ["timestamp", "time", "ts", "datetime", "date"];

    /// <summary>
    /// Guesses the mapping from column names (case-insensitive): <c>user</c>/<c>user_id</c>/<c>userId</c>,
    /// <c>item</c>/<c>item_id</c>/<c>movieId</c>, <c>rating</c>/<c>weight</c>/<c>score</c>/<c>count</c>,
    /// <c>timestamp</c>/<c>time</c>. Returns <see langword="null"/> when no user or item column is found.
    /// </summary>
    /// <param name="columns">The source's column names.</param>
    /// <returns>The mapping, or <see langword="null"/>.</returns>
    public static ColumnMapping? Detect(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        string? Find(string[] names) => columns.FirstOrDefault(c => names.Contains(c.Trim(), StringComparer.OrdinalIgnoreCase));
        string? user = Find(UserNames);
        string? item = Find(ItemNames);
        return user is null || item is null ? null : new ColumnMapping(user, item, Find(RatingNames), Find(TimeNames));
    }

    /// <summary>The mapping of a file without a header: user, item, then rating and time when there are that many columns.</summary>
    /// <param name="columnCount">Number of columns of the first row.</param>
    /// <returns>The positional mapping.</returns>
    public static ColumnMapping Positional(int columnCount) =>
        new("1", "2", columnCount >= 3 ? "3" : null, columnCount >= 4 ? "4" : null);

    /// <summary>
    /// Refuses a mapping whose roles resolved to one column of <paramref name="source"/> (by name, by name in
    /// another case, or by position): the user and the item ids read from one column would load without
    /// complaint and make every interaction a user with an item of the same id.
    /// </summary>
    /// <param name="source">The source, as its errors name it.</param>
    /// <param name="names">The source's column names.</param>
    /// <param name="user">The user id's column index.</param>
    /// <param name="item">The item id's column index.</param>
    /// <param name="rating">The rating's column index, or −1.</param>
    /// <param name="time">The time's column index, or −1.</param>
    /// <exception cref="InvalidDataException">Two roles resolved to one column.</exception>
    internal static void CheckDistinct(string source, IReadOnlyList<string> names, int user, int item, int rating, int time)
    {
        (int Index, string Role)[] roles = [(user, "user id"), (item, "item id"), (rating, "rating"), (time, "time")];
        for (int a = 0; a < roles.Length; a++)
        {
            for (int b = a + 1; b < roles.Length; b++)
            {
                if (roles[a].Index >= 0 && roles[a].Index == roles[b].Index)
                {
                    throw new InvalidDataException($"{source}: the {roles[a].Role} and the {roles[b].Role} are both read from column '{FieldText.Printable(names[roles[a].Index])}'; each needs a column of its own.");
                }
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"user={User}, item={Item}, rating={Rating ?? "(none)"}, time={Time ?? "(none)"}";
}
