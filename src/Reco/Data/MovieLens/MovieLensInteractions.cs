namespace Reco.Data.MovieLens;

/// <summary>Converts MovieLens data to <see cref="Interactions"/>.</summary>
public static class MovieLensInteractions
{
    /// <summary>
    /// Every rating as an interaction (user id, item id as text, rating, timestamp). The item map lists
    /// every movie of <c>u.item</c> in file order, rated or not, so unrated movies still have an index.
    /// </summary>
    public static Interactions ToInteractions(this MovieLens100K data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var items = new IdMap(data.Movies.Select(m => m.ItemId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return ToInteractions(data.Ratings, new IdMap(), items);
    }

    /// <summary>
    /// Ratings (for example a predefined fold read with <see cref="MovieLens100K.LoadRatings"/>) as
    /// interactions indexed by the given id maps, so folds agree with the full data's indices; new user
    /// ids are added to <paramref name="users"/>.
    /// </summary>
    public static Interactions ToInteractions(IReadOnlyList<MovieLensRating> ratings, IdMap users, IdMap items)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        var data = ratings;
        int n = data.Count;
        var u = new int[n];
        var it = new int[n];
        var r = new float[n];
        var t = new long[n];
        for (int i = 0; i < n; i++)
        {
            var rating = data[i];
            u[i] = users.GetOrAdd(rating.UserId);
            it[i] = items.GetOrAdd(rating.ItemId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            r[i] = rating.Rating;
            t[i] = rating.Timestamp;
        }

        return new Interactions(users, items, u, it, r, t);
    }
}
