namespace Reco.Data;

/// <summary>
/// A table of user–item interactions in columns: user index, item index, and optionally a rating
/// (explicit feedback or an implicit weight) and a Unix timestamp per row. Indices refer to
/// <see cref="Users"/> and <see cref="Items"/>, which subsets share, so a train and a test split of the
/// same data agree on every index.
/// </summary>
public sealed class Interactions
{
    private readonly int[] _users;
    private readonly int[] _items;
    private readonly float[]? _ratings;
    private readonly long[]? _timestamps;
    private UserItemMatrix? _byUser;

    /// <summary>Wraps columns of equal length (they are not copied).</summary>
    /// <exception cref="ArgumentException">The columns differ in length, a row refers to no user or item, or a rating is not a finite number.</exception>
    public Interactions(IdMap users, IdMap items, int[] userIndices, int[] itemIndices, float[]? ratings = null, long[]? timestamps = null)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(userIndices);
        ArgumentNullException.ThrowIfNull(itemIndices);
        int n = userIndices.Length;
        if (itemIndices.Length != n || (ratings is not null && ratings.Length != n) || (timestamps is not null && timestamps.Length != n))
        {
            throw new ArgumentException("Every column must have one value per interaction.");
        }

        for (int i = 0; i < n; i++)
        {
            if ((uint)userIndices[i] >= (uint)users.Count || (uint)itemIndices[i] >= (uint)items.Count)
            {
                throw new ArgumentException($"Row {i} refers to user {userIndices[i]} / item {itemIndices[i]}, outside the {users.Count} users and {items.Count} items.");
            }

            // The loaders refuse such values with the file and line; a table built in code gets the row.
            if (ratings is not null && !float.IsFinite(ratings[i]))
            {
                throw new ArgumentException($"Row {i} has the rating {ratings[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}; ratings must be finite numbers.", nameof(ratings));
            }
        }

        Users = users;
        Items = items;
        _users = userIndices;
        _items = itemIndices;
        _ratings = ratings;
        _timestamps = timestamps;
    }

    /// <summary>The users' ids.</summary>
    public IdMap Users { get; }

    /// <summary>The items' ids.</summary>
    public IdMap Items { get; }

    /// <summary>Number of interactions.</summary>
    public int Count => _users.Length;

    /// <summary>Number of users known to the id map (some may have no interaction in this subset).</summary>
    public int UserCount => Users.Count;

    /// <summary>Number of items known to the id map.</summary>
    public int ItemCount => Items.Count;

    /// <summary>User index of each interaction.</summary>
    public ReadOnlySpan<int> UserIndices => _users;

    /// <summary>Item index of each interaction.</summary>
    public ReadOnlySpan<int> ItemIndices => _items;

    /// <summary>Whether interactions carry ratings.</summary>
    public bool HasRatings => _ratings is not null;

    /// <summary>Rating of each interaction (empty when there are none).</summary>
    public ReadOnlySpan<float> Ratings => _ratings;

    /// <summary>Whether interactions carry timestamps.</summary>
    public bool HasTimestamps => _timestamps is not null;

    /// <summary>Unix timestamp of each interaction (empty when there are none).</summary>
    public ReadOnlySpan<long> Timestamps => _timestamps;

    /// <summary>The rating of row <paramref name="row"/>, or 1 for implicit data.</summary>
    public float RatingAt(int row) => _ratings is null ? 1f : _ratings[row];

    /// <summary>The user × item matrix of these interactions (built once, then cached).</summary>
    public UserItemMatrix ByUser() => _byUser ??= UserItemMatrix.From(this);

    /// <summary>The rows listed, in that order, sharing the id maps.</summary>
    public Interactions Subset(ReadOnlySpan<int> rows)
    {
        var users = new int[rows.Length];
        var items = new int[rows.Length];
        var ratings = _ratings is null ? null : new float[rows.Length];
        var timestamps = _timestamps is null ? null : new long[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            int r = rows[i];
            users[i] = _users[r];
            items[i] = _items[r];
            if (ratings is not null)
            {
                ratings[i] = _ratings![r];
            }

            if (timestamps is not null)
            {
                timestamps[i] = _timestamps![r];
            }
        }

        return new Interactions(Users, Items, users, items, ratings, timestamps);
    }

    /// <summary>Builds interactions from (user id, item id, rating, timestamp) rows, assigning indices in order of appearance.</summary>
    /// <exception cref="ArgumentException">A rating is not a finite number.</exception>
    public static Interactions From(IEnumerable<(string User, string Item, float Rating, long Timestamp)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var users = new IdMap();
        var items = new IdMap();
        var u = new List<int>();
        var it = new List<int>();
        var r = new List<float>();
        var t = new List<long>();
        foreach (var row in rows)
        {
            u.Add(users.GetOrAdd(row.User));
            it.Add(items.GetOrAdd(row.Item));
            r.Add(row.Rating);
            t.Add(row.Timestamp);
        }

        return new Interactions(users, items, [.. u], [.. it], [.. r], [.. t]);
    }
}
