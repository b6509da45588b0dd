using System.Diagnostics;
using Reco.Data;
using Reco.Layers;
using Reco.Metrics;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Optimizers;
using Reco.Tasks;
using Reco.Training;
using Reco.Data.Sources.Parquet;

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
/// </remarks>
/// <typeparam name="TQuery">The query input (for example the user id).</typeparam>
/// <typeparam name="TCandidate">The candidate input (for example the movie title).</typeparam>
public sealed partial class TwoTowerModel<TQuery, TCandidate> : IPersistentRecommender, ISimilarItems
    where TQuery : notnull
    where TCandidate : notnull
{
    private readonly Func<Interactions, (ITower<TQuery> Query, ITower<TCandidate> Candidate)>? _build;
    private readonly Lock _gate = new();
    private ITower<TQuery>? _queryModel;
    private ITower<TCandidate>? _candidateModel;
    private Retrieval _task;
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

    /// <summary>A model whose towers <paramref name="build"/> makes from the data of its first <see cref="Fit(Interactions, IEnumerable{TrainingCallback}?)"/>.</summary>
    internal TwoTowerModel(TwoTowerOptions options, Func<Interactions, (ITower<TQuery>, ITower<TCandidate>)> build, TwoTowerInputs<TQuery, TCandidate> inputs)
    {
        Options = options;
        _build = build;
        _task = new Retrieval(temperature: options.Temperature);
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
    /// <returns>The loss and metrics of every epoch.</returns>
    /// <exception cref="TrainingDivergedException">The loss or a weight stopped being a finite number.</exception>
    public History Fit(
        IReadOnlyList<(TQuery Query, TCandidate Candidate)> data,
        int batchSize,
        int epochs = 1,
        bool shuffle = false,
        int seed = 0,
        IEnumerable<TrainingCallback>? callbacks = null)
    {
        var history = Train(data, batchSize, epochs, shuffle, seed, callbacks);
        TrainingData = Inputs is { } inputs ? PairInteractions(data, inputs) : null;
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
            var (query, candidate) = _build!(train);
            SetTowers(query, candidate);
        }

        _optimizer ??= Options.Optimizer.Create();
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

        Train(pairs, Options.BatchSize, Options.Epochs, Options.Shuffle, Options.Seed, callbacks);
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
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.Count == 0)
        {
            throw new ArgumentException("There is no evaluation data.", nameof(data));
        }

        var encoded = new EncodedPairs(data, CatalogueOf(_task.Metrics));
        int n = data.Count;
        int d = QueryModel.OutputDim;
        UpdateMetrics(encoded);
        var batch = new BatchWork(d);
        double lossSum = 0;
        int steps = 0;
        for (int start = 0; start < n; start += batchSize)
        {
            int b = Math.Min(batchSize, n - start);
            lossSum += batch.Loss(this, encoded, encoded.QueryKeys.AsSpan(start, b), encoded.CandidateKeys.AsSpan(start, b), training: false);
            steps++;
        }

        return Logs(lossSum / steps);
    }

    /// <summary>The task's metrics alone over <paramref name="data"/>, without the loss (what <see cref="Evaluate"/> computes first).</summary>
    internal IReadOnlyDictionary<string, double> EvaluateMetrics(IReadOnlyList<(TQuery Query, TCandidate Candidate)> data)
    {
        UpdateMetrics(new EncodedPairs(data, CatalogueOf(_task.Metrics)));
        return _task.Metrics?.Result() ?? new Dictionary<string, double>();
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, scores);
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
        var (_, items) = Embeddings(train);
        return Factorization.FactorSimilarity.Similar(items, CandidateModel.OutputDim, train.ItemCount, item, k);
    }

    /// <inheritdoc/>
    public ModelState ExportState()
    {
        ModelGuard.Fitted(TrainingData, Name);
        if (Inputs is not TwoTowerInputs<string, string> || QueryModel is not Sequential<string> query || CandidateModel is not Sequential<string> candidate)
        {
            throw new NotSupportedException("Only two-tower models whose towers are sequences of layers over string ids can be saved.");
        }

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
        var query = TowerState.Import(structure["query"], "query", state);
        var candidate = TowerState.Import(structure["candidate"], "candidate", state);
        float temperature = structure["temperature"]?.GetValue<float>() ?? 1f;
        bool removeHits = structure["remove_accidental_hits"]?.GetValue<bool>() ?? false;
        _task = new Retrieval(temperature: temperature, removeAccidentalHits: removeHits);
        SetTowers((ITower<TQuery>)(object)query, (ITower<TCandidate>)(object)candidate);
        TrainingData = train;
    }

    private History Train(IReadOnlyList<(TQuery Query, TCandidate Candidate)> data, int batchSize, int epochs, bool shuffle, int seed, IEnumerable<TrainingCallback>? callbacks)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 0);
        _ = QueryModel; // throws when the towers are not built yet
        var optimizer = _optimizer ?? throw new InvalidOperationException("Call Compile(optimizer) before Fit.");
        if (data.Count == 0)
        {
            throw new ArgumentException("There is no training data.", nameof(data));
        }

        InvalidateEmbeddings();
        var encoded = new EncodedPairs(data, CatalogueOf(_task.Metrics));
        var hooks = callbacks?.ToArray() ?? [];
        int n = data.Count;
        int steps = (n + batchSize - 1) / batchSize;
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        int capacity = Math.Min(batchSize, n);
        var queryKeys = new int[capacity];
        var candidateKeys = new int[capacity];
        var work = new BatchWork(QueryModel.OutputDim);
        var metrics = _task.Metrics;
        var history = new History();
        var total = Stopwatch.StartNew();

        foreach (var hook in hooks)
        {
            hook.OnTrainBegin(new TrainingPlan(epochs, steps, n));
        }

        for (int epoch = 0; epoch < epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            if (shuffle)
            {
                random.Shuffle(order);
            }

            metrics?.Reset();
            double lossSum = 0;
            for (int step = 0; step < steps; step++)
            {
                int start = step * batchSize;
                int b = Math.Min(batchSize, n - start);
                for (int i = 0; i < b; i++)
                {
                    queryKeys[i] = encoded.QueryKeys[order[start + i]];
                    candidateKeys[i] = encoded.CandidateKeys[order[start + i]];
                }

                lossSum += work.Loss(this, encoded, queryKeys.AsSpan(0, b), candidateKeys.AsSpan(0, b), training: true, optimizer);
                if (hooks.Length > 0)
                {
                    var logs = Logs(lossSum / (step + 1));
                    foreach (var hook in hooks)
                    {
                        hook.OnBatchEnd(new BatchLog(epoch, step + 1, steps, start + b, logs));
                    }
                }
            }

            var log = new EpochLog(epoch, Logs(lossSum / steps), clock.Elapsed.TotalSeconds);
            Divergence.Check(epoch, lossSum, [.. QueryModel.Variables, .. CandidateModel.Variables], optimizer);
            history.Add(log);
            foreach (var hook in hooks)
            {
                hook.OnEpochEnd(log);
            }
        }

        history.Seconds = total.Elapsed.TotalSeconds;
        return history;
    }

    /// <summary>
    /// Updates the metrics with every pair at once: the weights do not change while evaluating, so one pass
    /// gives the same result as batch by batch and scores each distinct query only once.
    /// </summary>
    private void UpdateMetrics(EncodedPairs encoded)
    {
        if (_task.Metrics is not { } metrics)
        {
            return;
        }

        int d = QueryModel.OutputDim;
        metrics.Reset();
        var queries = new DistinctKeys();
        var candidates = new DistinctKeys();
        int nq = queries.Build(encoded.QueryKeys, encoded.Queries.Length);
        int nc = candidates.Build(encoded.CandidateKeys, encoded.Candidates.Length);
        var u = new float[nq * d];
        var m = new float[nc * d];
        QueryModel.Call(Gather(encoded.Queries, queries.Keys), u);
        CandidateModel.Call(Gather(encoded.Candidates, candidates.Keys), m);
        metrics.Update(new RetrievalBatch(d, u, queries.Slots, m, candidates.Slots, Columns(encoded, candidates.Keys)));
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

    private Dictionary<string, double> Logs(double loss)
    {
        var logs = new Dictionary<string, double> { ["loss"] = loss };
        if (_task.Metrics is { } metrics)
        {
            foreach (var (name, value) in metrics.Result())
            {
                logs[name] = value;
            }
        }

        return logs;
    }

    /// <summary>Every pair's query and candidate as a key into the distinct inputs of the data.</summary>
    private sealed class EncodedPairs
    {
        public EncodedPairs(IReadOnlyList<(TQuery Query, TCandidate Candidate)> data, ICandidateCatalogue<TCandidate>? catalogue)
        {
            var queryIndex = new Dictionary<TQuery, int>();
            var candidateIndex = new Dictionary<TCandidate, int>();
            var queries = new List<TQuery>();
            var candidates = new List<TCandidate>();
            QueryKeys = new int[data.Count];
            CandidateKeys = new int[data.Count];
            for (int r = 0; r < data.Count; r++)
            {
                var (query, candidate) = data[r];
                if (!queryIndex.TryGetValue(query, out int q))
                {
                    q = queries.Count;
                    queryIndex.Add(query, q);
                    queries.Add(query);
                }

                if (!candidateIndex.TryGetValue(candidate, out int c))
                {
                    c = candidates.Count;
                    candidateIndex.Add(candidate, c);
                    candidates.Add(candidate);
                }

                QueryKeys[r] = q;
                CandidateKeys[r] = c;
            }

            Queries = [.. queries];
            Candidates = [.. candidates];
            Columns = catalogue is null ? null : [.. Candidates.Select(catalogue.ColumnOf)];
        }

        public int[] QueryKeys { get; }

        public int[] CandidateKeys { get; }

        public TQuery[] Queries { get; }

        public TCandidate[] Candidates { get; }

        /// <summary>Each distinct candidate's column in the metric's catalogue (−1 if absent), or null without one.</summary>
        public int[]? Columns { get; }
    }

    /// <summary>One batch through the towers, the task and back; buffers reused across batches.</summary>
    private sealed class BatchWork(int dimension)
    {
        private readonly DistinctKeys _queries = new();
        private readonly DistinctKeys _candidates = new();
        private TQuery[] _queryInputs = [];
        private TCandidate[] _candidateInputs = [];
        private int[] _columns = [];
        private float[] _u = [];
        private float[] _m = [];
        private float[] _du = [];
        private float[] _dm = [];

        public double Loss(TwoTowerModel<TQuery, TCandidate> model, EncodedPairs encoded, ReadOnlySpan<int> queryKeys, ReadOnlySpan<int> candidateKeys, bool training, Optimizer? optimizer = null)
        {
            int d = dimension;
            int nq = _queries.Build(queryKeys, encoded.Queries.Length);
            int nc = _candidates.Build(candidateKeys, encoded.Candidates.Length);
            Grow(ref _queryInputs, nq);
            Grow(ref _candidateInputs, nc);
            Grow(ref _u, nq * d);
            Grow(ref _m, nc * d);
            for (int s = 0; s < nq; s++)
            {
                _queryInputs[s] = encoded.Queries[_queries.Keys[s]];
            }

            for (int s = 0; s < nc; s++)
            {
                _candidateInputs[s] = encoded.Candidates[_candidates.Keys[s]];
            }

            var u = _u.AsSpan(0, nq * d);
            var m = _m.AsSpan(0, nc * d);
            if (!training)
            {
                model.QueryModel.Call(_queryInputs.AsSpan(0, nq), u);
                model.CandidateModel.Call(_candidateInputs.AsSpan(0, nc), m);
                return model._task.ComputeLoss(_queries.Slots, _candidates.Slots, u, nq, m, nc, d, default, default);
            }

            model.QueryModel.Forward(_queryInputs.AsSpan(0, nq), u);
            model.CandidateModel.Forward(_candidateInputs.AsSpan(0, nc), m);

            // Metrics see the weights before this batch's update, as in a Keras train step.
            if (model._task.Metrics is { } metrics)
            {
                Grow(ref _columns, nc);
                for (int s = 0; s < nc; s++)
                {
                    _columns[s] = encoded.Columns is null ? -1 : encoded.Columns[_candidates.Keys[s]];
                }

                metrics.Update(new RetrievalBatch(d, u, _queries.Slots, m, _candidates.Slots, _columns.AsSpan(0, nc)));
            }

            Grow(ref _du, nq * d);
            Grow(ref _dm, nc * d);
            var du = _du.AsSpan(0, nq * d);
            var dm = _dm.AsSpan(0, nc * d);
            double loss = model._task.ComputeLoss(_queries.Slots, _candidates.Slots, u, nq, m, nc, d, du, dm);
            model.QueryModel.Backward(du, optimizer!);
            model.CandidateModel.Backward(dm, optimizer!);
            return loss;
        }

        private static void Grow<T>(ref T[] array, int length)
        {
            if (array.Length < length)
            {
                array = new T[Math.Max(length, array.Length * 2)];
            }
        }
    }
}
