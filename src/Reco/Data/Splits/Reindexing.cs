namespace Reco.Data.Splits;

/// <summary>Re-expresses interactions over other id maps, so that a fold read from its own file shares the full data's indices.</summary>
public static class Reindexing
{
    /// <summary>The rows of <paramref name="data"/> with their user and item indices taken from <paramref name="users"/> and <paramref name="items"/> (ids they lack are added).</summary>
    public static Interactions OnMaps(this Interactions data, IdMap users, IdMap items)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        var userOf = new int[data.UserCount];
        for (int u = 0; u < userOf.Length; u++)
        {
            userOf[u] = users.GetOrAdd(data.Users[u]);
        }

        var itemOf = new int[data.ItemCount];
        for (int i = 0; i < itemOf.Length; i++)
        {
            itemOf[i] = items.GetOrAdd(data.Items[i]);
        }

        var u2 = new int[data.Count];
        var i2 = new int[data.Count];
        for (int r = 0; r < data.Count; r++)
        {
            u2[r] = userOf[data.UserIndices[r]];
            i2[r] = itemOf[data.ItemIndices[r]];
        }

        return new Interactions(users, items, u2, i2, data.HasRatings ? data.Ratings.ToArray() : null, data.HasTimestamps ? data.Timestamps.ToArray() : null);
    }
}
