namespace Reco.Data.MovieLens;

/// <summary>
/// One MovieLens rating joined with its movie title, shaped like a TFDS
/// <c>movielens/100k-ratings</c> example.
/// </summary>
/// <param name="UserId">The user id as it appears in the file, e.g. <c>"196"</c>.</param>
/// <param name="ItemId">The movie id.</param>
/// <param name="MovieTitle">The movie title, including its year, e.g. <c>"Toy Story (1995)"</c>.</param>
/// <param name="Rating">The rating, 1 to 5 stars.</param>
/// <param name="Timestamp">When the rating was given, in seconds since the Unix epoch.</param>
public sealed record MovieLensRating(string UserId, int ItemId, string MovieTitle, float Rating, long Timestamp);
