namespace Reco.Data;

/// <summary>
/// Interactions as a compressed sparse row matrix with one row per user: for each user, the items they
/// interacted with (ascending, each once) and the summed rating of each. The orientation is in the
/// type's name, so a user × item matrix cannot be passed where an item × user one is expected.
/// </summary>
public sealed class UserItemMatrix
{
    private readonly int[] _rowStart;
    private readonly int[] _items;
    private readonly float[] _values;

    private UserItemMatrix(int users, int items, int[] rowStart, int[] columns, float[] values)
    {
        UserCount = users;
        ItemCount = items;
        _rowStart = rowStart;
        _items = columns;
        _values = values;
    }

    /// <summary>Number of rows (users).</summary>
    public int UserCount { get; }

    /// <summary>Number of columns (items).</summary>
    public int ItemCount { get; }

    /// <summary>Number of stored (user, item) entries.</summary>
    public int NonZeros => _items.Length;

    /// <summary>The items of <paramref name="user"/>, ascending.</summary>
    /// <remarks>A user added to a shared id map after the matrix was built has no interactions in it: empty.</remarks>
    public ReadOnlySpan<int> ItemsOf(int user) => user >= UserCount && user >= 0 ? [] : _items.AsSpan(_rowStart[user], _rowStart[user + 1] - _rowStart[user]);

    /// <summary>The values (summed ratings) of <paramref name="user"/>'s items, parallel to <see cref="ItemsOf"/>.</summary>
    public ReadOnlySpan<float> ValuesOf(int user) => user >= UserCount && user >= 0 ? [] : _values.AsSpan(_rowStart[user], _rowStart[user + 1] - _rowStart[user]);

    /// <summary>Where each user's row starts in <see cref="ItemLists"/>: <see cref="UserCount"/> + 1 entries, the last one past the end.</summary>
    internal ReadOnlySpan<int> RowStarts => _rowStart;

    /// <summary>Every user's items, one row after another (for kernels that walk the rows themselves).</summary>
    internal ReadOnlySpan<int> ItemLists => _items;

    /// <summary>Whether <paramref name="user"/> interacted with <paramref name="item"/>.</summary>
    public bool Contains(int user, int item) => ItemsOf(user).BinarySearch(item) >= 0;

    /// <summary>Builds the matrix; repeated (user, item) pairs are merged with their ratings summed.</summary>
    public static UserItemMatrix From(Interactions interactions)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        int users = interactions.UserCount;
        var u = interactions.UserIndices;
        var it = interactions.ItemIndices;
        var counts = new int[users + 1];
        foreach (int user in u)
        {
            counts[user + 1]++;
        }

        for (int i = 0; i < users; i++)
        {
            counts[i + 1] += counts[i];
        }

        // The rows in item order (a counting sort by item), then placed by user in that order (a stable counting
        // sort by user): each user's row comes out sorted by item, in linear time, with a repeated pair's rows
        // next to each other in the order they were read.
        var byItem = ItemOrder(it, interactions.ItemCount);
        var fill = (int[])counts.Clone();
        var items = new int[u.Length];
        var values = new float[u.Length];
        foreach (int row in byItem)
        {
            int slot = fill[u[row]]++;
            items[slot] = it[row];
            values[slot] = interactions.RatingAt(row);
        }

        // Merge repeated pairs.
        var rowStart = new int[users + 1];
        int write = 0;
        for (int user = 0; user < users; user++)
        {
            int start = counts[user];
            int end = counts[user + 1];
            rowStart[user] = write;
            for (int k = start; k < end; k++)
            {
                if (write > rowStart[user] && items[write - 1] == items[k])
                {
                    values[write - 1] += values[k];
                }
                else
                {
                    items[write] = items[k];
                    values[write] = values[k];
                    write++;
                }
            }
        }

        rowStart[users] = write;
        return new UserItemMatrix(users, interactions.ItemCount, rowStart, items[..write], values[..write]);
    }

    /// <summary>The row numbers 0…n−1 ordered by item, rows of one item in their original order.</summary>
    private static int[] ItemOrder(ReadOnlySpan<int> items, int itemCount)
    {
        var start = new int[itemCount + 1];
        foreach (int item in items)
        {
            start[item + 1]++;
        }

        for (int i = 0; i < itemCount; i++)
        {
            start[i + 1] += start[i];
        }

        var order = new int[items.Length];
        for (int row = 0; row < items.Length; row++)
        {
            order[start[items[row]]++] = row;
        }

        return order;
    }
}
