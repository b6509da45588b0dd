using Reco.Data;
using Reco.Indexes;
using Reco.Layers;
using Reco.Metrics;
using Reco.Models;
using Reco.Models.TwoTower;
using Reco.Optimizers;
using Reco.Serialization;
using Reco.Tasks;
using static Reco.Tests.Models.TwoTower.TwoTowerTestData;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Models.TwoTower;

/// <summary>A tower written outside the library, over a record type, plugged into the model, the metric and the index.</summary>
public class CustomTowerTests
{
    private static readonly Film[] Films = [.. Enumerable.Range(0, 40).Select(i => new Film($"i{i}", i % 4))];
    private static readonly Dictionary<string, Film> FilmsById = Films.ToDictionary(f => f.Id);
    private static readonly TwoTowerInputs<string, Film> Inputs = new(id => id, id => FilmsById[id], user => user, film => film.Id);

    [Fact]
    public void ACustomTowerTrainsAsARecommenderAndServesTheMetricAndTheIndex()
    {
        var data = Clustered(users: 40, items: 40, perUser: 12, seed: 4);
        var users = new StringLookup(data.Users.Ids);
        var userTower = new Sequential<string>(users, new Embedding(users.VocabularySize, 8, seed: 1));
        var filmTower = new FilmTower(Films, genres: 4, dimension: 8, seed: 2);
        var metric = new FactorizedTopK<Film>(Films, filmTower, [1, 5, 10]);
        var model = new TwoTowerModel<string, Film>(userTower, filmTower, new Retrieval(metric), Inputs)
        {
            Options = new TwoTowerOptions { Epochs = 8, BatchSize = 64, Optimizer = new OptimizerSettings(OptimizerKind.Adagrad, 0.5f) },
        };

        var losses = new ClassicData.LossRecorder();
        model.Fit(data, [losses]);
        Assert.Same(data, model.TrainingData);
        Assert.True(losses.Losses[^1] < 0.8 * losses.Losses[0], string.Join(", ", losses.Losses));
        Assert.True(OwnClusterShare(model, k: 5) > 0.9);

        // Scores are the dot products of the custom tower's embeddings.
        var scores = new float[data.ItemCount];
        model.ScoreItems(3, scores);
        var user = Embed(userTower, data.Users[3]);
        Assert.All(Enumerable.Range(0, data.ItemCount), i => Assert.Equal(Dot(user, Embed(filmTower, FilmsById[data.Items[i]])), scores[i], 1e-5));

        // The metric ranks the custom tower's embeddings.
        var pairs = Enumerable.Range(0, data.Count).Select(r => (data.Users[data.UserIndices[r]], FilmsById[data.Items[data.ItemIndices[r]]])).ToArray();
        var evaluation = model.Evaluate(pairs, batchSize: 100);
        var (rates, ambiguous) = TopKByHand(userTower, filmTower, pairs, Films, [1, 5, 10]);
        Assert.InRange(evaluation["factorized_top_k@5"], rates[1] - ((double)ambiguous / pairs.Length), rates[1] + ((double)ambiguous / pairs.Length));

        // The index returns films, best first.
        var index = new BruteForce<string, Film>(model.QueryModel, k: 3).IndexFrom(Films, model.CandidateModel);
        var (_, found) = index.Query(data.Users[3]);
        var expected = Films.OrderByDescending(f => Dot(user, Embed(filmTower, f))).Take(3);
        Assert.Equal(expected, found);

        // Only sequences of layers over string ids can be saved.
        Assert.Throws<NotSupportedException>(() => RecommenderFile.Save(Path.Combine(TestData.TempDirectory(), "model"), model));
    }

    [Fact]
    public void KerasStylePairsNeedNoInputsButFittingInteractionsDoes()
    {
        var users = new StringLookup(["u1", "u2"]);
        var filmTower = new FilmTower(Films, genres: 4, dimension: 4, seed: 3);
        var model = new TwoTowerModel<string, Film>(new Sequential<string>(users, new Embedding(3, 4, seed: 4)), filmTower, new Retrieval(new FactorizedTopK<Film>(Films, filmTower)));
        model.Compile(new Adagrad(0.1f));
        Assert.Null(model.Inputs);

        var error = Assert.Throws<InvalidOperationException>(() => model.Fit(Clustered(users: 4, items: 8, perUser: 2)));
        Assert.Contains("TwoTowerInputs", error.Message);

        model.Fit([("u1", Films[0]), ("u2", Films[5])], batchSize: 2);
        Assert.Null(model.TrainingData);
        Assert.True(model.Evaluate([("u1", Films[0])]).ContainsKey("factorized_top_k@100"));

        // With inputs, the pairs' ids and the metric's catalogue become the training data's items.
        var named = new TwoTowerModel<string, Film>(new Sequential<string>(users, new Embedding(3, 4, seed: 4)), filmTower, new Retrieval(new FactorizedTopK<Film>(Films, filmTower)), Inputs);
        named.Compile(new Adagrad(0.1f));
        named.Fit([("u2", Films[5]), ("u1", Films[0])], batchSize: 2);
        Assert.Equal(["u2", "u1"], named.TrainingData!.Users.Ids);
        Assert.Equal(["i5", "i0", .. Films.Select(f => f.Id).Except(["i5", "i0"])], named.TrainingData.Items.Ids);
    }

    [Fact]
    public void TheModelRefusesAMetricOverAnotherTowerOrAnotherType()
    {
        var users = new StringLookup(["u1"]);
        var userTower = new Sequential<string>(users, new Embedding(2, 4, seed: 1));
        var filmTower = new FilmTower(Films, genres: 4, dimension: 4, seed: 3);
        var otherTower = new FilmTower(Films, genres: 4, dimension: 4, seed: 3);
        Assert.Throws<ArgumentException>(() => new TwoTowerModel<string, Film>(userTower, filmTower, new Retrieval(new FactorizedTopK<Film>(Films, otherTower))));
        var stringTower = new Sequential<string>(new StringLookup(["i0"]), new Embedding(2, 4, seed: 1));
        Assert.Throws<ArgumentException>(() => new TwoTowerModel<string, Film>(userTower, filmTower, new Retrieval(new FactorizedTopK<string>(["i0"], stringTower))));
    }

    /// <summary>A film as a feature record: its id and its genre.</summary>
    public sealed record Film(string Id, int Genre);

    /// <summary>
    /// Embeds a film as the sum of a per-film row and a per-genre row, two variables updated sparsely: a
    /// tower the library knows nothing about.
    /// </summary>
    private sealed class FilmTower : ITower<Film>
    {
        private readonly Dictionary<string, int> _row;
        private readonly Variable _films;
        private readonly Variable _genres;
        private Film[] _batch = [];

        public FilmTower(IReadOnlyList<Film> films, int genres, int dimension, int seed)
        {
            var random = new Random(seed);
            float[] Initial(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 0.1) - 0.05))];
            _row = films.Select((f, i) => (f.Id, i)).ToDictionary(p => p.Id, p => p.i);
            _films = new Variable("films", films.Count, dimension, Initial(films.Count * dimension));
            _genres = new Variable("genres", genres, dimension, Initial(genres * dimension));
            OutputDim = dimension;
        }

        public int OutputDim { get; }

        public IReadOnlyList<Variable> Variables => [_films, _genres];

        public void Call(ReadOnlySpan<Film> inputs, Span<float> embeddings)
        {
            int d = OutputDim;
            for (int r = 0; r < inputs.Length; r++)
            {
                var output = embeddings.Slice(r * d, d);
                var film = _films.Row(_row[inputs[r].Id]);
                var genre = _genres.Row(inputs[r].Genre);
                for (int k = 0; k < d; k++)
                {
                    output[k] = film[k] + genre[k];
                }
            }
        }

        public void Forward(ReadOnlySpan<Film> inputs, Span<float> embeddings)
        {
            _batch = inputs.ToArray();
            Call(inputs, embeddings);
        }

        public void Backward(ReadOnlySpan<float> embeddingGradient, Optimizer optimizer)
        {
            Apply(_films, _batch.Select(f => _row[f.Id]).ToArray(), embeddingGradient, optimizer);
            Apply(_genres, _batch.Select(f => f.Genre).ToArray(), embeddingGradient, optimizer);
        }

        private void Apply(Variable variable, int[] rows, ReadOnlySpan<float> gradient, Optimizer optimizer)
        {
            int d = OutputDim;
            var distinct = rows.Distinct().ToArray();
            var sums = new float[distinct.Length * d];
            for (int r = 0; r < rows.Length; r++)
            {
                int slot = Array.IndexOf(distinct, rows[r]);
                for (int k = 0; k < d; k++)
                {
                    sums[(slot * d) + k] += gradient[(r * d) + k];
                }
            }

            optimizer.ApplySparse(variable, distinct, sums);
        }
    }
}
