using System.CommandLine;
using System.Globalization;
using Reco.Cli.Sources;
using Reco.Data;
using Reco.Data.Features;
using Reco.Data.MovieLens;

namespace Reco.Cli.Commands;

/// <summary>
/// The interactions a command works on: MovieLens 100k (<c>--data-dir</c>, or the verified cache) or any
/// source <c>--data</c> names (files, databases, other MovieLens releases), with what each offers on the
/// side: item features, item vectors for diversity, readable item names, MovieLens' predefined folds.
/// </summary>
internal sealed record DataInput(
    Interactions All,
    string DataSet,
    string Origin,
    MovieLens100K? MovieLens,
    ItemFeatures? ItemFeatures,
    Func<int, ReadOnlyMemory<float>>? ItemVectors,
    Func<string, string> ItemLabel)
{
    /// <summary>Folds of the protocol; MovieLens' predefined folds need MovieLens 100k.</summary>
    public IReadOnlyList<Evaluation.Protocols.Fold> Folds(Evaluation.Protocols.Protocol protocol) => [.. protocol.Folds(All, MovieLens)];

    /// <summary>Loads what the options name: <c>--data</c> when given, else MovieLens 100k.</summary>
    public static async Task<DataInput> LoadAsync(ParseResult parse, CliContext context, string? dataDir, DataSourceOptions source, CancellationToken cancellationToken)
    {
        if (source.IsGiven(parse))
        {
            if (dataDir is not null)
            {
                throw new ArgumentException("Give either --data or --data-dir, not both.");
            }

            var loaded = await source.LoadAsync(parse, context, cancellationToken);
            var data = loaded.Interactions;
            var features = loaded.ItemFeatures?.ToItemFeatures(data.Items);
            var titles = new Dictionary<string, string>(StringComparer.Ordinal);
            if (loaded.ItemFeatures is { } table && table.TryGetColumn("title", out var title))
            {
                for (int k = 0; k < table.Keys.Count; k++)
                {
                    if (title.ValueOf(k) is { } name)
                    {
                        titles[table.Keys[k]] = name;
                    }
                }
            }

            string origin = parse.GetValue(source.Data)!;
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Loaded {data.Count:N0} interactions of {data.UserCount:N0} users and {data.ItemCount:N0} items from {origin}"));
            return new DataInput(data, Path.GetFileName(Path.TrimEndingDirectorySeparator(origin)), origin, null, features, features is null ? null : Vectors(features), id => titles.GetValueOrDefault(id, id));
        }

        var (movieLens, folder) = await MovieLensData.LoadAsync(context, dataDir, cancellationToken);
        var all = movieLens.ToInteractions();
        var byId = movieLens.Movies.ToDictionary(m => m.ItemId.ToString(CultureInfo.InvariantCulture), m => m.Title, StringComparer.Ordinal);
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Loaded {movieLens.Ratings.Count:N0} ratings and {movieLens.Movies.Count:N0} movies from {folder}"));
        return new DataInput(all, "movielens/100k", folder, movieLens, MovieLensItemFeatures.Build(movieLens.Movies, all.Items), GenreVectors(movieLens), id => byId.GetValueOrDefault(id, id));
    }

    /// <summary>
    /// Dense vectors made on first use and kept: diversity only looks at recommended items, and a
    /// catalogue × vocabulary matrix made up front could be far larger than memory.
    /// </summary>
    private static Func<int, ReadOnlyMemory<float>> Vectors(ItemFeatures features)
    {
        var made = new System.Collections.Concurrent.ConcurrentDictionary<int, ReadOnlyMemory<float>>();
        var empty = new ReadOnlyMemory<float>(new float[features.FeatureCount]);
        return item => item >= features.ItemCount ? empty : made.GetOrAdd(item, i =>
        {
            var dense = new float[features.FeatureCount];
            var index = features.FeaturesOf(i);
            var values = features.ValuesOf(i);
            for (int p = 0; p < index.Length; p++)
            {
                dense[index[p]] = values[p];
            }

            return dense;
        });
    }

    /// <summary>Each movie's genres as a 0/1 vector, for intra-list diversity (item index = row of u.item).</summary>
    private static Func<int, ReadOnlyMemory<float>> GenreVectors(MovieLens100K data)
    {
        var genres = data.Genres;
        var vectors = data.Movies.Select(m =>
        {
            var v = new float[genres.Count];
            foreach (var g in m.Genres)
            {
                int i = IndexOf(genres, g);
                if (i >= 0)
                {
                    v[i] = 1;
                }
            }

            return new ReadOnlyMemory<float>(v);
        }).ToArray();
        var empty = new ReadOnlyMemory<float>(new float[genres.Count]);
        return item => item < vectors.Length ? vectors[item] : empty;
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
