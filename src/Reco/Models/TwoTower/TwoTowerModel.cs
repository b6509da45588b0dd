using System.Diagnostics;
using Reco.Data;
using Reco.Data.Features;
using Reco.Layers;
using Reco.Metrics;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Optimizers;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Models.TwoTower;

/// <summary>
/// A two-tower retrieval model: a query tower and a candidate tower trained with a <see cref="Retrieval"/>
/// task. It is the <c>MovieLensModel(tfrs.Model)</c> of the TFRS quickstart, whose <c>compute_loss</c>
/// embeds both sides of a batch and hands them to the task, and it is a recommender like every other
/// model: fitted on <see cref="Interactions"/>, scored, saved, loaded and served through the same path.
/// </summary>
/// <remarks>
/// Towers are any <see cref="ITower{TInput}"/>. Training feeds each batch's distinct queries and distinct
/// candidates through the towers once (a tower maps equal inputs to equal embeddings), computes the
/// in-batch softmax over them with multiplicities, and propagates the gradients back through the towers.
/// As a recommender, users and items are the ids of its training interactions and
/// <see cref="TwoTowerInputs{TQuery, TCandidate}"/> turns them into tower inputs (the identity for string towers).
/// <para>
/// Given a rating head (a <see cref="Ranking"/> task and layers over the concatenated query and candidate
/// embeddings), it is TFRS's multitask model: trained on (query, candidate, rating) triples with the weighted
/// sum of the retrieval and rating losses, the towers shared by both.
/// </para>
/// </remarks>
/// <typeparam name="TQuery">The query input (for example the user id).</typeparam>
/// <typeparam name="TCandidate">The candidate input (for example the movie title).</typeparam>
public sealed partial class TwoTowerModel<TQuery, TCandidate> : IPersistentRecommender, ISimilarItems, IUsesFeatures
    where TQuery : notnull
    where TCandidate : notnull
{
    private readonly Func<Interactions, FeatureTable?, FeatureTable?, (ITower<TQuery> Query, ITower<TCandidate> Candidate)>? _build;
    private FeatureTable? _userFeatures;
    private FeatureTable? _itemFeatures;
    private readonly Lock _gate = new();
    private ITower<TQuery>? _queryModel;
    private ITower<TCandidate>? _candidateModel;
    private Retrieval _task;
    private RatingHead? _rating;
    private Optimizer? _optimizer;
    private float[]? _userEmbeddings;
    private float[]? _itemEmbeddings;

    /// <summary>Wires the towers to the task.</summary>
    /// <param name="queryModel">The query (user) tower.</param>
    /// <param name="candidateModel">The candidate (item) tower.</param>
    /// <param name="task">The task that owns the loss and metrics.</param>
    /// <param name="inputs">How interaction ids become tower inputs; by default the ids themselves (string towers only).</param>
    public TwoTowerModel(ITower<TQuery> queryModel, ITower<TCandidate> candidateModel, Retrieval task, TwoTowerInputs<TQuery, TCandidate>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(queryModel);
        ArgumentNullException.ThrowIfNull(candidateModel);
        ArgumentNullException.ThrowIfNull(task);
        _task = task;
        Inputs = inputs ?? TwoTowerInputs.Default<TQuery, TCandidate>();
        SetTowers(queryModel, candidateModel);
    }

    /// <summary>Wires the towers to a retrieval task and a rating head, TFRS's multitask model.</summary>
    /// <param name="queryModel">The query (user) tower.</param>
    /// <param name="candidateModel">The candidate (item) tower.</param>
    /// <param name="task">The retrieval task.</param>
    /// <param name="ratingTask">The rating task (loss and metrics on predicted ratings).</param>
    /// <param name="ratingModel">Layers from the concatenated query and candidate embeddings to one predicted rating.</param>
    /// <param name="retrievalWeight">Weight of the retrieval loss.</param>
    /// <param name="ratingWeight">Weight of the rating loss.</param>
    /// <param name="inputs">How interaction ids become tower inputs; by default the ids themselves (string towers only).</param>
    public TwoTowerModel(
        ITower<TQuery> queryModel,
        ITower<TCandidate> candidateModel,
        Retrieval task,
        Ranking ratingTask,
        IEnumerable<ILayer> ratingModel,
        float retrievalWeight = 1f,
        float ratingWeight = 1f,
        TwoTowerInputs<TQuery, TCandidate>? inputs = null)
        : this(queryModel, candidateModel, task, inputs)
    {
        ArgumentNullException.ThrowIfNull(ratingTask);
        ArgumentNullException.ThrowIfNull(ratingModel);
        if (!(retrievalWeight >= 0f) || !(ratingWeight >= 0f) || !float.IsFinite(retrievalWeight) || !float.IsFinite(ratingWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(retrievalWeight), "Loss weights must be finite numbers of at least 0.");
        }

        var chain = new LayerChain(queryModel.OutputDim + candidateModel.OutputDim, ratingModel, nameof(ratingModel));
        if (chain.OutputDim != 1)
        {
            throw new ArgumentException($"The rating model must end with one value per pair, not {chain.OutputDim}; end it with new Dense(1).", nameof(ratingModel));
        }

        _rating = new RatingHead(ratingTask, chain, ratingWeight);
        RetrievalWeight = retrievalWeight;
    }

    /// <summary>A model whose towers <paramref name="build"/> makes from the data of its first <see cref="Fit(Interactions, IEnumerable{TrainingCallback}?)"/>.</summary>
    internal TwoTowerModel(TwoTowerOptions options, Func<Interactions, FeatureTable?, FeatureTable?, (ITower<TQuery>, ITower<TCandidate>)> build, TwoTowerInputs<TQuery, TCandidate> inputs)
    {
        Options = options;
        _build = build;
        _task = new Retrieval(temperature: options.Temperature, numHardNegatives: options.HardNegatives, samplingBiasCorrection: options.SamplingBiasCorrection);
        Negatives = options.Negatives;
        SampledNegatives = options.SampledNegatives;
        Inputs = inputs;
    }

    /// <summary>The query (user) tower.</summary>
    public ITower<TQuery> QueryModel => _queryModel ?? throw NotBuilt();

    /// <summary>The candidate (item) tower.</summary>
    public ITower<TCandidate> CandidateModel => _candidateModel ?? throw NotBuilt();

    /// <summary>The task that owns the loss and metrics.</summary>
    public Retrieval Task => _task;

    /// <summary>The optimizer given to <see cref="Compile"/>, or null before.</summary>
    public Optimizer? Optimizer => _optimizer;

    /// <summary>The rating task of a multitask model, or null.</summary>
    public Ranking? RatingTask => _rating?.Task;

    /// <summary>The rating model's layers (over the concatenated embeddings), or empty without a rating head.</summary>
    public IReadOnlyList<ILayer> RatingModel => _rating?.Layers.Layers ?? [];

    /// <summary>Weight of the retrieval loss in a multitask model (1 otherwise).</summary>
    public float RetrievalWeight { get; } = 1f;

    /// <summary>
    /// Which candidates each training query is contrasted with: the batch's (TFRS's in-batch softmax, the
    /// default), every candidate of the training data (an exact softmax over the catalogue), or the batch's plus
    /// <see cref="SampledNegatives"/> drawn uniformly from the catalogue.
    /// </summary>
    public CandidateNegatives Negatives { get; init; }

    /// <summary>Candidates drawn uniformly per batch with <see cref="CandidateNegatives.Mixed"/>.</summary>
    public int SampledNegatives
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(SampledNegatives), value, "The number of sampled negatives must be at least 0.");
    }

    /// <summary>
    /// What <see cref="Fit(Interactions, IEnumerable{TrainingCallback}?)"/> trains with (epochs, batch size,
    /// shuffling, seed, and the optimizer when none was compiled in); for the catalogue's model also its
    /// tower size.
    /// </summary>
    public TwoTowerOptions Options { get; init => field = ModelOptions.Checked(value, "two-tower"); } = new();

    /// <summary>How interaction ids become tower inputs, or null when none was given for non-string towers.</summary>
    public TwoTowerInputs<TQuery, TCandidate>? Inputs { get; }

    /// <inheritdoc/>
    public string Name => "two-tower";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <inheritdoc/>
    /// <remarks>Used by the catalogue's model when its options name user or item features; built towers keep theirs.</remarks>
    public void UseFeatures(FeatureTable? users, FeatureTable? items) => (_userFeatures, _itemFeatures) = (users, items);

    /// <summary>Sets the optimizer, like Keras's <c>model.compile(optimizer=...)</c>.</summary>
    public void Compile(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        _optimizer = optimizer;
    }

    /// <summary>Trains on (query, candidate) pairs, like Keras's <c>model.fit(data.batch(batchSize), epochs=...)</c>.</summary>
    /// <param name="data">The positive pairs, for example (user id, movie title) of every rating.</param>
    /// <param name="batchSize">Pairs per batch; each batch's other candidates are the negatives.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="shuffle">Reshuffle the pairs before every epoch (off by default, as batching a dataset in TFRS does not shuffle).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <param name="callbacks">Progress hooks.</param>
    /// <param name="computeMetrics">Update the task's metrics with every training batch (TFRS's <c>compute_metrics</c>); off saves their cost when only the evaluation's count.</param>
    /// <returns>The loss and metrics of every epoch.</returns>
    /// <exception cref="TrainingDivergedException">The loss or a weight stopped being a finite number.</exception>
    public History Fit(
        IReadOnlyList<(TQuery Query, TCandidate Candidate)> data,
        int batchSize,
        int epochs = 1,
        bool shuffle = false,
        int seed = 0,
        IEnumerable<TrainingCallback>? callbacks = null,
        bool computeMetrics = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        var history = Train(new EncodedPairs(data, null, CatalogueOf(_task.Metrics)), batchSize, epochs, shuffle, seed, callbacks, computeMetrics);
        TrainingData = Inputs is { } inputs ? PairInteractions(data, inputs) : null;
        return history;
    }

    /// <summary>Trains a multitask model on (query, candidate, rating) triples: the weighted retrieval and rating losses.</summary>
    /// <param name="data">The rated pairs, for example (user id, movie title, rating) of every rating.</param>
    /// <param name="batchSize">Triples per batch.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="shuffle">Reshuffle before every epoch.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <param name="callbacks">Progress hooks.</param>
    /// <param name="computeMetrics">Update the metrics with every training batch.</param>
    /// <exception cref="InvalidOperationException">The model has no rating head.</exception>
    public History Fit(
        IReadOnlyList<(TQuery Query, TCandidate Candidate, float Rating)> data,
        int batchSize,
        int epochs = 1,
        bool shuffle = false,
        int seed = 0,
        IEnumerable<TrainingCallback>? callbacks = null,
        bool computeMetrics = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireRatingHead();
        var pairs = data.Select(t => (t.Query, t.Candidate)).ToArray();
        var history = Train(new EncodedPairs(pairs, [.. data.Select(t => t.Rating)], CatalogueOf(_task.Metrics)), batchSize, epochs, shuffle, seed, callbacks, computeMetrics);
        TrainingData = Inputs is { } inputs ? PairInteractions(pairs, inputs) : null;
        return history;
    }

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        var inputs = RequireInputs();
        if (_queryModel is null)
        {
            // The catalogue's model: towers over this data's ids, seeded from Options.Seed so every fit is reproducible.
            var (query, candidate) = _build!(train, _userFeatures, _itemFeatures);
            SetTowers(query, candidate);
        }

        _optimizer ??= Options.OptimizerWithOptions.Create();
        var queries = new TQuery[train.UserCount];
        var candidates = new TCandidate[train.ItemCount];
        for (int u = 0; u < queries.Length; u++)
        {
            queries[u] = inputs.Query(train.Users[u]);
        }

        for (int i = 0; i < candidates.Length; i++)
        {
            candidates[i] = inputs.Candidate(train.Items[i]);
        }

        var pairs = new (TQuery, TCandidate)[train.Count];
        var users = train.UserIndices;
        var items = train.ItemIndices;
        for (int r = 0; r < pairs.Length; r++)
        {
            pairs[r] = (queries[users[r]], candidates[items[r]]);
        }

        float[]? ratings = _rating is null ? null : [.. Enumerable.Range(0, train.Count).Select(train.RatingAt)];
        Train(new EncodedPairs(pairs, ratings, CatalogueOf(_task.Metrics)), Options.BatchSize, Options.Epochs, Options.Shuffle, Options.Seed, callbacks, computeMetrics: true);
        TrainingData = train;
    }

    /// <summary>
    /// Computes the loss (mean over batches, as Keras reports it) and the task's metrics on held-out pairs,
    /// like Keras's <c>model.evaluate</c>.
    /// </summary>
    /// <param name="data">The pairs to evaluate.</param>
    /// <param name="batchSize">Batch size of the in-batch loss; the metrics do not depend on it.</param>
    public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<(TQuery Query, TCandidate Candidate)> data, int batchSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Evaluate(new EncodedPairs(data, null, CatalogueOf(_task.Metrics)), batchSize);
    }

    /// <summary>The weighted loss and both tasks' metrics of a multitask model on held-out rated pairs.</summary>
    /// <param name="data">The rated pairs.</param>
    /// <param name="batchSize">Batch size of the in-batch loss.</param>
    /// <exception cref="InvalidOperationException">The model has no rating head.</exception>
    public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<(TQuery Query, TCandidate Candidate, float Rating)> data, int batchSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireRatingHead();
        return Evaluate(new EncodedPairs([.. data.Select(t => (t.Query, t.Candidate))], [.. data.Select(t => t.Rating)], CatalogueOf(_task.Metrics)), batchSize);
    }

    /// <summary>The ratings a multitask model's rating head predicts for (query, candidate) pairs.</summary>
    /// <exception cref="InvalidOperationException">The model has no rating head.</exception>
    public float[] PredictRatings(IReadOnlyList<(TQuery Query, TCandidate Candidate)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var head = RequireRatingHead();
        int dq = QueryModel.OutputDim, dc = CandidateModel.OutputDim, n = pairs.Count;
        var u = new float[n * dq];
        var m = new float[n * dc];
        QueryModel.Call([.. pairs.Select(p => p.Query)], u);
        CandidateModel.Call([.. pairs.Select(p => p.Candidate)], m);
        var joined = new float[n * (dq + dc)];
        for (int i = 0; i < n; i++)
        {
            u.AsSpan(i * dq, dq).CopyTo(joined.AsSpan(i * (dq + dc), dq));
            m.AsSpan(i * dc, dc).CopyTo(joined.AsSpan((i * (dq + dc)) + dq, dc));
        }

        var ratings = new float[n];
        head.Layers.Call(joined, n, ratings);
        return ratings;
    }

    /// <summary>The task's metrics alone over <paramref name="data"/>, without the loss (what <see cref="Evaluate(IReadOnlyList{ValueTuple{TQuery, TCandidate}}, int)"/> computes first).</summary>
    internal IReadOnlyDictionary<string, double> EvaluateMetrics(IReadOnlyList<(TQuery Query, TCandidate Candidate)> data)
    {
        UpdateMetrics(new EncodedPairs(data, null, CatalogueOf(_task.Metrics)));
        return _task.Metrics?.Result() ?? new Dictionary<string, double>();
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, user, scores);
        var (users, items) = Embeddings(train);
        int d = QueryModel.OutputDim;
        var u = users.AsSpan(user * d, d);
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = System.Numerics.Tensors.TensorPrimitives.Dot(u, items.AsSpan(i * d, d));
        }
    }

    /// <summary>The items whose candidate embeddings point the most the same way (cosine) as <paramref name="item"/>'s.</summary>
    public IReadOnlyList<ScoredItem> SimilarItems(int item, int k)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Item(train, item);
        var (_, items) = Embeddings(train);
        return Factorization.FactorSimilarity.Similar(items, CandidateModel.OutputDim, train.ItemCount, item, k);
    }

    /// <inheritdoc/>
    public ModelState ExportState()
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        if (_build is not null && Inputs is TwoTowerInputs<string, string> && UsesFeatureTowers)
        {
            return ExportWithFeatures();
        }

        if (Inputs is not TwoTowerInputs<string, string> || QueryModel is not Sequential<string> query || CandidateModel is not Sequential<string> candidate)
        {
            throw new NotSupportedException("Only two-tower models whose towers are sequences of layers over string ids can be saved.");
        }

        _ = train;
        var state = new ModelState(Options);
        state.Structure = new System.Text.Json.Nodes.JsonObject
        {
            ["query"] = TowerState.Export(query, "query", state),
            ["candidate"] = TowerState.Export(candidate, "candidate", state),
            ["temperature"] = _task.Temperature,
            ["remove_accidental_hits"] = _task.RemoveAccidentalHits,
        };
        return state;
    }

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(train);
        if (typeof(TQuery) != typeof(string) || typeof(TCandidate) != typeof(string))
        {
            throw new NotSupportedException("Only two-tower models over string ids can be loaded.");
        }

        var structure = state.Structure ?? throw new InvalidDataException("The saved two-tower model does not describe its towers.");
        if (structure["feature_towers"]?.GetValue<bool>() == true)
        {
            ImportWithFeatures(structure, state, train);
            return;
        }

        var query = TowerState.Import(structure["query"], "query", state);
        var candidate = TowerState.Import(structure["candidate"], "candidate", state);
        float temperature = structure["temperature"]?.GetValue<float>() ?? 1f;
        bool removeHits = structure["remove_accidental_hits"]?.GetValue<bool>() ?? false;
        _task = new Retrieval(temperature: temperature, removeAccidentalHits: removeHits);
        SetTowers((ITower<TQuery>)(object)query, (ITower<TCandidate>)(object)candidate);
        TrainingData = train;
    }

    private void SetTowers(ITower<TQuery> queryModel, ITower<TCandidate> candidateModel)
    {
        if (queryModel.OutputDim != candidateModel.OutputDim)
        {
            throw new ArgumentException($"The query tower makes {queryModel.OutputDim}-d embeddings but the candidate tower makes {candidateModel.OutputDim}-d ones; a dot product needs both the same.");
        }

        if (_task.Metrics is ICandidateCatalogue<TCandidate> catalogue && !catalogue.Uses(candidateModel))
        {
            throw new ArgumentException("The task's metric embeds its candidates with a different tower than the model's candidate tower.");
        }

        if (_task.Metrics is { } metric && metric is not ICandidateCatalogue<TCandidate>)
        {
            throw new ArgumentException("The task's metric ranks candidates of another type than the model's candidate tower takes.");
        }

        _queryModel = queryModel;
        _candidateModel = candidateModel;
        InvalidateEmbeddings();
    }

    private static ICandidateCatalogue<TCandidate>? CatalogueOf(RetrievalMetric? metric) => metric as ICandidateCatalogue<TCandidate>;

    private static int[] Columns(EncodedPairs encoded, ReadOnlySpan<int> candidateKeys)
    {
        var columns = new int[candidateKeys.Length];
        for (int s = 0; s < columns.Length; s++)
        {
            columns[s] = encoded.Columns is null ? -1 : encoded.Columns[candidateKeys[s]];
        }

        return columns;
    }

    private static T[] Gather<T>(T[] inputs, ReadOnlySpan<int> keys)
    {
        var result = new T[keys.Length];
        for (int s = 0; s < keys.Length; s++)
        {
            result[s] = inputs[keys[s]];
        }

        return result;
    }

    private RatingHead RequireRatingHead() => _rating
        ?? throw new InvalidOperationException("This two-tower model has no rating head: build it with a rating task and rating layers to train on ratings.");

    private TwoTowerInputs<TQuery, TCandidate> RequireInputs() => Inputs
        ?? throw new InvalidOperationException("This two-tower model has no TwoTowerInputs saying how user and item ids become tower inputs; pass them to its constructor.");

    private static InvalidOperationException NotBuilt() => new("The two-tower model has no towers yet: fit it on interactions first.");

    /// <summary>The training interactions of Keras-style pairs: their ids, and every candidate of the metric's catalogue as an item.</summary>
    private Interactions PairInteractions(IReadOnlyList<(TQuery Query, TCandidate Candidate)> data, TwoTowerInputs<TQuery, TCandidate> inputs)
    {
        var users = new IdMap();
        var items = new IdMap();
        var u = new int[data.Count];
        var it = new int[data.Count];
        for (int r = 0; r < data.Count; r++)
        {
            u[r] = users.GetOrAdd(inputs.QueryId(data[r].Query));
            it[r] = items.GetOrAdd(inputs.CandidateId(data[r].Candidate));
        }

        if (CatalogueOf(_task.Metrics) is { } catalogue)
        {
            foreach (var candidate in catalogue.Candidates)
            {
                items.GetOrAdd(inputs.CandidateId(candidate));
            }
        }

        return new Interactions(users, items, u, it);
    }

    private (float[] Users, float[] Items) Embeddings(Interactions train)
    {
        lock (_gate)
        {
            if (_userEmbeddings is null || _itemEmbeddings is null)
            {
                var inputs = RequireInputs();
                int d = QueryModel.OutputDim;
                var users = new float[train.UserCount * d];
                var items = new float[train.ItemCount * d];
                QueryModel.Call(train.Users.Ids.Select(inputs.Query).ToArray(), users);
                CandidateModel.Call(train.Items.Ids.Select(inputs.Candidate).ToArray(), items);
                (_userEmbeddings, _itemEmbeddings) = (users, items);
            }

            return (_userEmbeddings, _itemEmbeddings);
        }
    }

    private void InvalidateEmbeddings()
    {
        lock (_gate)
        {
            (_userEmbeddings, _itemEmbeddings) = (null, null);
        }
    }

    private Dictionary<string, double> Logs(double loss, bool withMetrics = true)
    {
        var logs = new Dictionary<string, double> { ["loss"] = loss };
        if (!withMetrics)
        {
            return logs;
        }

        if (_task.Metrics is { } metrics)
        {
            foreach (var (name, value) in metrics.Result())
            {
                logs[name] = value;
            }
        }

        if (_rating is not null)
        {
            foreach (var (name, value) in _rating.Task.MetricResults())
            {
                logs[name] = value;
            }
        }

        return logs;
    }
}
