namespace Reco.Data.MovieLens;

/// <summary>One movie from the MovieLens <c>u.item</c> file.</summary>
/// <param name="ItemId">The movie id.</param>
/// <param name="Title">The title, including its year, e.g. <c>"Toy Story (1995)"</c>. Titles are not unique.</param>
/// <param name="ReleaseDate">The release date, or <see langword="null"/> when the file leaves it empty.</param>
/// <param name="Genres">The names of the genres whose flag is set, in the file's genre order.</param>
public sealed record MovieLensMovie(int ItemId, string Title, DateOnly? ReleaseDate, IReadOnlyList<string> Genres);
