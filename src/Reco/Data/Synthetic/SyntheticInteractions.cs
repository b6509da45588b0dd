using System.Globalization;
using Parquet;
using Parquet.Schema;
using Reco.IO;

namespace Reco.Data.Synthetic;

/// <summary>
/// Realistic synthetic interaction data at any size, for benchmarks and tests: items have a Zipf-like
/// popularity and belong to taste clusters ("genres"); users' activity is log-normal (a few users give
/// many interactions); each user draws most items from one to three preferred genres by popularity and
/// the rest from global popularity, all distinct; timestamps fall in the user's active period, in order;
/// ratings are μ + b_u + b_i + p_u·q_i + noise in half stars, with the latent factors tied to the genres,
/// so that a model has real signal to find beyond popularity. The rows are a function of the options only.
/// </summary>
public static class SyntheticInteractions
{
    private const int UsersPerBlock = 1024;
    private const double MeanRating = 3.3;

    /// <summary>Generates the interactions (users and items are ids 1…n; rows grouped by user, in time order).</summary>
    /// <exception cref="ArgumentException">The options are out of range (one line naming the option).</exception>
    public static Interactions Generate(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        options = options with { Genres = Math.Min(options.Genres, options.Items) };
        var model = ItemModel.Create(options);
        var counts = ActivityCounts(options);
        var offsets = new long[options.Users + 1];
        for (int u = 0; u < options.Users; u++)
        {
            offsets[u + 1] = offsets[u] + counts[u];
        }

        int rows = (int)offsets[^1];
        var users = new int[rows];
        var items = new int[rows];
        var ratings = new float[rows];
        var times = new long[rows];
        int blocks = (options.Users + UsersPerBlock - 1) / UsersPerBlock;
        Parallel.For(0, blocks, () => new HashSet<int>(), (block, _, seen) =>
        {
            var random = new RandomStream(options.Seed, 2 + block);
            int end = Math.Min((block + 1) * UsersPerBlock, options.Users);
            for (int u = block * UsersPerBlock; u < end; u++)
            {
                int start = (int)offsets[u];
                model.User(u, counts[u], ref random, seen, items.AsSpan(start, counts[u]), ratings.AsSpan(start, counts[u]), times.AsSpan(start, counts[u]));
                users.AsSpan(start, counts[u]).Fill(u);
            }

            return seen;
        }, _ => { });

        var userMap = new IdMap(Enumerable.Range(1, options.Users).Select(i => i.ToString(CultureInfo.InvariantCulture)));
        var itemMap = new IdMap(Enumerable.Range(1, options.Items).Select(i => i.ToString(CultureInfo.InvariantCulture)));
        return new Interactions(userMap, itemMap, users, items, ratings, times);
    }

    /// <summary>
    /// Writes interactions with numeric ids as Parquet (columns <c>user</c>, <c>item</c> as int32,
    /// <c>rating</c> float, <c>timestamp</c> int64; row groups of 2²⁰ rows), refusing to replace an existing file.
    /// </summary>
    /// <exception cref="ArgumentException">The file exists, or an id is not a whole number.</exception>
    public static async Task WriteParquetAsync(Interactions data, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (File.Exists(path) || Directory.Exists(path))
        {
            throw new ArgumentException($"'{path}' already exists; remove it or choose another file name.");
        }

        AtomicFile.CheckTarget(path);
        var userIds = NumericIds(data.Users, "user");
        var itemIds = NumericIds(data.Items, "item");
        var fields = new DataField[]
        {
            new("user", typeof(int)), new("item", typeof(int)), new("rating", typeof(float)), new("timestamp", typeof(long)),
        };
        const int group = 1 << 20;
        using var buffer = new MemoryStream((int)Math.Min(int.MaxValue - 64, 64 + (14L * data.Count)));
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), buffer, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var u = new int[Math.Min(group, data.Count)];
            var it = new int[u.Length];
            for (int start = 0; start < data.Count; start += group)
            {
                int n = Math.Min(group, data.Count - start);
                for (int r = 0; r < n; r++)
                {
                    u[r] = userIds[data.UserIndices[start + r]];
                    it[r] = itemIds[data.ItemIndices[start + r]];
                }

                var ratings = data.HasRatings ? data.Ratings.Slice(start, n).ToArray() : Enumerable.Repeat(1f, n).ToArray();
                var times = data.HasTimestamps ? data.Timestamps.Slice(start, n).ToArray() : new long[n];
                using var rowGroup = writer.CreateRowGroup();
                await rowGroup.WriteAsync<int>(fields[0], u.AsMemory(0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                await rowGroup.WriteAsync<int>(fields[1], it.AsMemory(0, n), cancellationToken: cancellationToken).ConfigureAwait(false);
                await rowGroup.WriteAsync<float>(fields[2], ratings, cancellationToken: cancellationToken).ConfigureAwait(false);
                await rowGroup.WriteAsync<long>(fields[3], times, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        AtomicFile.Write(path, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static int[] NumericIds(IdMap map, string what)
    {
        var ids = new int[map.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            if (!int.TryParse(map[i], NumberStyles.None, CultureInfo.InvariantCulture, out ids[i]))
            {
                throw new ArgumentException($"The {what} id '{map[i]}' is not a whole number; only numeric ids can be written as int32 Parquet columns.");
            }
        }

        return ids;
    }

    private static void Validate(SyntheticOptions o)
    {
        static void Require(bool ok, string message)
        {
            if (!ok)
            {
                throw new ArgumentException(message);
            }
        }

        Require(o.Users >= 1, "--users must be at least 1.");
        Require(o.Items >= 2, "--items must be at least 2.");
        Require(o.Interactions >= o.Users, $"--interactions must be at least the number of users ({o.Users:N0}): every user gets one.");
        Require(o.Interactions <= int.MaxValue, $"--interactions can be at most {int.MaxValue:N0}.");
        Require(o.Interactions <= (long)o.Users * MaxPerUser(o), $"--interactions can be at most {(long)o.Users * MaxPerUser(o):N0} for {o.Users:N0} users and {o.Items:N0} items (each user interacts with at most half the items).");
        Require(o.Genres >= 1, "The number of genres must be at least 1.");
        Require(o.Factors >= 1, "The number of factors must be at least 1.");
        Require(o.PopularityExponent >= 0 && double.IsFinite(o.PopularityExponent), "The popularity exponent must be a non-negative number.");
        Require(o.PopularityOffset >= 0 && double.IsFinite(o.PopularityOffset), "The popularity offset must be a non-negative number.");
        Require(o.ActivitySpread >= 0 && double.IsFinite(o.ActivitySpread), "The activity spread must be a non-negative number.");
        Require(o.Taste is >= 0 and <= 1, "The taste share must be between 0 and 1.");
        Require(o.RatingNoise >= 0 && double.IsFinite(o.RatingNoise), "The rating noise must be a non-negative number.");
        Require(o.LastTime > o.FirstTime, "The last time must be after the first.");

        // The columns (user, item, rating, time: 20 bytes a row) plus the Parquet buffer and working arrays.
        double needed = (40.0 * o.Interactions) + (16.0 * o.Factors * ((double)o.Users + o.Items));
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Require(needed <= available, $"{o.Interactions:N0} interactions need about {needed / 1e9:F1} GB of memory and {available / 1e9:F1} GB are available; generate fewer.");
    }

    private static int MaxPerUser(SyntheticOptions o) => Math.Max(1, o.Items / 2);

    /// <summary>Interactions per user: one each, the rest shared out by log-normal activity, at most half the items each.</summary>
    private static int[] ActivityCounts(SyntheticOptions o)
    {
        var random = new RandomStream(o.Seed, 1);
        var activity = new double[o.Users];
        for (int u = 0; u < o.Users; u++)
        {
            activity[u] = Math.Exp(o.ActivitySpread * random.NextGaussian());
        }

        int cap = MaxPerUser(o);
        var counts = new int[o.Users];
        Array.Fill(counts, 1);
        long left = o.Interactions - o.Users;

        // Share out what is left in proportion to activity among users below the cap, until nothing is left.
        while (left > 0)
        {
            double total = 0;
            for (int u = 0; u < o.Users; u++)
            {
                total += counts[u] < cap ? activity[u] : 0;
            }

            long given = 0;
            for (int u = 0; u < o.Users && given < left; u++)
            {
                if (counts[u] >= cap)
                {
                    continue;
                }

                int add = (int)Math.Min(Math.Min(cap - counts[u], left - given), Math.Floor(activity[u] / total * left));
                counts[u] += add;
                given += add;
            }

            // The fractions rounded away: one more each to the most active users below the cap.
            if (given == 0)
            {
                foreach (int u in Enumerable.Range(0, o.Users).OrderByDescending(u => activity[u]))
                {
                    if (given == left)
                    {
                        break;
                    }

                    if (counts[u] < cap)
                    {
                        counts[u]++;
                        given++;
                    }
                }
            }

            left -= given;
        }

        return counts;
    }

    /// <summary>The items' side of the model and how one user's rows are drawn from it.</summary>
    private sealed class ItemModel
    {
        private readonly SyntheticOptions _o;
        private readonly float[] _genreVectors;
        private readonly float[] _itemFactors;
        private readonly float[] _itemBias;
        private readonly AliasTable _global;
        private readonly AliasTable[] _byGenre;
        private readonly double _scale;

        private ItemModel(SyntheticOptions o, float[] genreVectors, float[] itemFactors, float[] itemBias, AliasTable global, AliasTable[] byGenre)
        {
            _o = o;
            _genreVectors = genreVectors;
            _itemFactors = itemFactors;
            _itemBias = itemBias;
            _global = global;
            _byGenre = byGenre;
            _scale = 1.0 / Math.Sqrt(o.Factors);
        }

        public static ItemModel Create(SyntheticOptions o)
        {
            var random = new RandomStream(o.Seed, 0);
            int f = o.Factors;
            double scale = 1.0 / Math.Sqrt(f);
            var genreVectors = new float[o.Genres * f];
            for (int i = 0; i < genreVectors.Length; i++)
            {
                genreVectors[i] = (float)(random.NextGaussian() * scale);
            }

            // A random popularity rank per item (so popularity is not tied to the id).
            var rank = Enumerable.Range(0, o.Items).ToArray();
            for (int i = rank.Length - 1; i > 0; i--)
            {
                int j = random.NextInt(i + 1);
                (rank[i], rank[j]) = (rank[j], rank[i]);
            }

            var weight = new double[o.Items];
            var genre = new int[o.Items];
            var itemFactors = new float[o.Items * f];
            var itemBias = new float[o.Items];
            double logTop = Math.Log(1 + o.PopularityOffset);
            double logBottom = Math.Log(o.Items + o.PopularityOffset);
            for (int i = 0; i < o.Items; i++)
            {
                weight[i] = Math.Pow(rank[i] + 1 + o.PopularityOffset, -o.PopularityExponent);
                genre[i] = random.NextInt(o.Genres);
                for (int k = 0; k < f; k++)
                {
                    itemFactors[(i * f) + k] = genreVectors[(genre[i] * f) + k] + (float)(0.5 * scale * random.NextGaussian());
                }

                // Popular items are rated a little higher, as in MovieLens.
                double popularity = 1 - ((Math.Log(rank[i] + 1 + o.PopularityOffset) - logTop) / Math.Max(1e-9, logBottom - logTop));
                itemBias[i] = (float)((0.3 * random.NextGaussian()) + (0.4 * (popularity - 0.5)));
            }

            var all = Enumerable.Range(0, o.Items).ToArray();
            var global = new AliasTable(all, weight);
            var byGenre = new AliasTable[o.Genres];
            for (int g = 0; g < o.Genres; g++)
            {
                var members = all.Where(i => genre[i] == g).ToArray();
                byGenre[g] = members.Length == 0 ? global : new AliasTable(members, [.. members.Select(i => weight[i])]);
            }

            return new ItemModel(o, genreVectors, itemFactors, itemBias, global, byGenre);
        }

        /// <summary>Draws user <paramref name="u"/>'s <paramref name="count"/> rows into the spans.</summary>
        public void User(int u, int count, ref RandomStream random, HashSet<int> seen, Span<int> items, Span<float> ratings, Span<long> times)
        {
            int f = _o.Factors;

            // One to three preferred genres with exponential (Dirichlet(1)) weights.
            int preferred = 1 + random.NextInt(3);
            Span<int> genres = stackalloc int[3];
            Span<double> share = stackalloc double[3];
            double total = 0;
            for (int k = 0; k < preferred; k++)
            {
                genres[k] = random.NextInt(_o.Genres);
                share[k] = -Math.Log(1 - random.NextDouble());
                total += share[k];
            }

            Span<float> p = stackalloc float[f];
            for (int d = 0; d < f; d++)
            {
                double v = 0.5 * _scale * random.NextGaussian();
                for (int k = 0; k < preferred; k++)
                {
                    v += share[k] / total * _genreVectors[(genres[k] * f) + d];
                }

                p[d] = (float)v;
            }

            double userBias = 0.35 * random.NextGaussian();

            // Items: distinct, mostly from the preferred genres.
            seen.Clear();
            for (int t = 0; t < count; t++)
            {
                int item = -1;
                for (int attempt = 0; attempt < 32 && item < 0; attempt++)
                {
                    int candidate;
                    if (random.NextDouble() < _o.Taste)
                    {
                        double pick = random.NextDouble() * total;
                        int k = 0;
                        while (k < preferred - 1 && pick >= share[k])
                        {
                            pick -= share[k];
                            k++;
                        }

                        candidate = _byGenre[genres[k]].Sample(ref random);
                    }
                    else
                    {
                        candidate = _global.Sample(ref random);
                    }

                    if (seen.Add(candidate))
                    {
                        item = candidate;
                    }
                }

                // A saturated user (their genres exhausted): the next unseen item from a random start.
                for (int j = random.NextInt(_o.Items); item < 0; j = (j + 1) % _o.Items)
                {
                    if (seen.Add(j))
                    {
                        item = j;
                    }
                }

                items[t] = item;
            }

            // Ratings from the latent model, clipped and rounded to half stars.
            for (int t = 0; t < count; t++)
            {
                int i = items[t];
                double dot = 0;
                for (int d = 0; d < f; d++)
                {
                    dot += p[d] * _itemFactors[(i * f) + d];
                }

                double r = MeanRating + userBias + _itemBias[i] + (1.2 * dot) + (_o.RatingNoise * random.NextGaussian());
                ratings[t] = (float)(Math.Round(Math.Clamp(r, 0.5, 5.0) * 2) / 2);
            }

            // An active period of about a year (exponential) starting anywhere; times in order within it.
            double span = _o.LastTime - _o.FirstTime;
            double length = Math.Min(span, -Math.Log(1 - random.NextDouble()) * 365.25 * 86400);
            double begin = _o.FirstTime + (random.NextDouble() * (span - length));
            for (int t = 0; t < count; t++)
            {
                times[t] = (long)(begin + (random.NextDouble() * length));
            }

            times.Sort();
        }
    }
}
