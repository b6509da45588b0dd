using System.Diagnostics;
using Reco.Data;
using Reco.Layers;
using Reco.Models.Persistence;
using Reco.Optimizers;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Models.Scoring;

/// <summary>
/// A ranking model: a tower that scores an input (a user–movie pair, a record of features) with one value,
/// trained with a <see cref="Tasks.Ranking"/> task. It is the <c>MovielensModel(tfrs.models.Model)</c> of TFRS's
/// basic-ranking, DCN and listwise tutorials, with Keras's <c>compile</c>, <c>fit</c> and <c>evaluate</c>:
/// pointwise on (input, label) pairs, or listwise on lists of inputs with a label each
/// (<see cref="FitLists"/>). Given how (user id, item id) becomes an input, it is also a rating predictor like
/// every other model: fitted on <see cref="Interactions"/>, scored and evaluated through the same path.
/// </summary>
/// <typeparam name="TInput">The input the tower scores.</typeparam>
public sealed class RankingModel<TInput> : IRatingPredictor
{
    private readonly Func<string, string, TInput>? _inputs;
    private Optimizer? _optimizer;
    private TInput[] _batchInputs = [];
    private float[] _batchLabels = [];
    private float[] _scores = [];
    private float[] _gradient = [];

    /// <summary>Wires the scoring tower to the task.</summary>
    /// <param name="model">A tower whose output is one score per input.</param>
    /// <param name="task">The loss and metrics.</param>
    /// <param name="inputs">How a (user id, item id) pair becomes an input, for use as a recommender; null if not needed.</param>
    public RankingModel(ITower<TInput> model, Ranking task, Func<string, string, TInput>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(task);
        if (model.OutputDim != 1)
        {
            throw new ArgumentException($"A ranking model's tower must give one score per input, not {model.OutputDim} values; end it with new Dense(1).", nameof(model));
        }

        Model = model;
        Task = task;
        _inputs = inputs;
    }

    /// <summary>The scoring tower.</summary>
    public ITower<TInput> Model { get; }

    /// <summary>The task that owns the loss and metrics.</summary>
    public Ranking Task { get; }

    /// <summary>The optimizer given to <see cref="Compile"/>, or null before.</summary>
    public Optimizer? Optimizer => _optimizer;

    /// <summary>Passes over the data when fitted on <see cref="Interactions"/> (TFRS's basic-ranking tutorial: 3).</summary>
    public int Epochs { get; init; } = 3;

    /// <summary>Ratings per batch when fitted on <see cref="Interactions"/> (the tutorial's 8,192).</summary>
    public int BatchSize { get; init; } = 8192;

    /// <summary>Seed of the shuffle when fitted on <see cref="Interactions"/>.</summary>
    public int Seed { get; init; } = 42;

    /// <inheritdoc/>
    public string Name => "ranking";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <summary>Sets the optimizer, like Keras's <c>model.compile(optimizer=...)</c>.</summary>
    public void Compile(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        _optimizer = optimizer;
    }

    /// <summary>Trains on (input, label) pairs, like Keras's <c>model.fit(data.batch(batchSize), epochs=...)</c>.</summary>
    /// <param name="data">The examples, for example ((user id, title), rating).</param>
    /// <param name="batchSize">Examples per batch.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="shuffle">Reshuffle before every epoch (off by default: batching a dataset in TFRS does not shuffle).</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <param name="callbacks">Progress hooks.</param>
    /// <exception cref="TrainingDivergedException">The loss or a weight stopped being a finite number.</exception>
    public History Fit(IReadOnlyList<(TInput Input, float Label)> data, int batchSize, int epochs = 1, bool shuffle = false, int seed = 0, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Train(Lists.Of(data), batchSize, epochs, shuffle, seed, callbacks);
    }

    /// <summary>Trains on lists of inputs with a label each (all the same length), for listwise and pairwise losses.</summary>
    /// <param name="lists">The lists, for example a user's sampled movies with their ratings.</param>
    /// <param name="batchSize">Lists per batch.</param>
    /// <param name="epochs">Passes over the data.</param>
    /// <param name="shuffle">Reshuffle before every epoch.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    /// <param name="callbacks">Progress hooks.</param>
    public History FitLists(IReadOnlyList<(TInput[] Items, float[] Labels)> lists, int batchSize, int epochs = 1, bool shuffle = false, int seed = 0, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(lists);
        return Train(Lists.Of(lists), batchSize, epochs, shuffle, seed, callbacks);
    }

    /// <summary>The loss (mean over batches) and the task's metrics on held-out pairs, like Keras's <c>model.evaluate</c>.</summary>
    public IReadOnlyDictionary<string, double> Evaluate(IReadOnlyList<(TInput Input, float Label)> data, int batchSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Evaluate(Lists.Of(data), batchSize);
    }

    /// <summary>The loss and metrics on held-out lists.</summary>
    public IReadOnlyDictionary<string, double> EvaluateLists(IReadOnlyList<(TInput[] Items, float[] Labels)> lists, int batchSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(lists);
        return Evaluate(Lists.Of(lists), batchSize);
    }

    /// <summary>The score of every input, like <c>model.predict</c>.</summary>
    public float[] Predict(IReadOnlyList<TInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var scores = new float[inputs.Count];
        Model.Call(inputs as TInput[] ?? [.. inputs], scores);
        return scores;
    }

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        var inputs = RequireInputs();
        _optimizer ??= new Adagrad(0.1f);
        var examples = new (TInput, float)[train.Count];
        var users = train.UserIndices;
        var items = train.ItemIndices;
        for (int r = 0; r < examples.Length; r++)
        {
            examples[r] = (inputs(train.Users[users[r]], train.Items[items[r]]), train.RatingAt(r));
        }

        Fit(examples, BatchSize, Epochs, shuffle: true, Seed, callbacks);
        TrainingData = train;
    }

    /// <inheritdoc/>
    public float Predict(int user, int item)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Pair(train, user, item);
        var score = new float[1];
        Model.Call([RequireInputs()(train.Users[user], train.Items[item])], score);
        return score[0];
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, user, scores);
        var inputs = RequireInputs();
        string id = train.Users[user];
        var batch = new TInput[train.ItemCount];
        for (int i = 0; i < batch.Length; i++)
        {
            batch[i] = inputs(id, train.Items[i]);
        }

        Model.Call(batch, scores);
    }

    private Func<string, string, TInput> RequireInputs() => _inputs
        ?? throw new InvalidOperationException("This ranking model was given no way to turn user and item ids into inputs; pass one to its constructor.");

    private History Train(Lists data, int batchSize, int epochs, bool shuffle, int seed, IEnumerable<TrainingCallback>? callbacks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        var optimizer = _optimizer ?? throw new InvalidOperationException("Call Compile(optimizer) before Fit.");
        int n = data.Count;
        if (n == 0)
        {
            throw new ArgumentException("There is no training data.", nameof(data));
        }

        var hooks = callbacks?.ToArray() ?? [];
        int steps = (n + batchSize - 1) / batchSize;
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
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

            Task.ResetMetrics();
            double lossSum = 0;
            for (int step = 0; step < steps; step++)
            {
                int start = step * batchSize;
                int b = Math.Min(batchSize, n - start);
                int rows = Gather(data, order.AsSpan(start, b));
                var scores = _scores.AsSpan(0, rows);
                var gradient = _gradient.AsSpan(0, rows);
                Model.Forward(_batchInputs.AsSpan(0, rows), scores);
                lossSum += Task.ComputeLoss(scores, _batchLabels.AsSpan(0, rows), data.ListSize, gradient);
                Model.Backward(gradient, optimizer);
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
            Divergence.Check(epoch, lossSum, Model.Variables, optimizer);
            history.Add(log);
            foreach (var hook in hooks)
            {
                hook.OnEpochEnd(log);
            }
        }

        history.Seconds = total.Elapsed.TotalSeconds;
        return history;
    }

    private IReadOnlyDictionary<string, double> Evaluate(Lists data, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (data.Count == 0)
        {
            throw new ArgumentException("There is no evaluation data.", nameof(data));
        }

        Task.ResetMetrics();
        var order = Enumerable.Range(0, data.Count).ToArray();
        double lossSum = 0;
        int steps = 0;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int rows = Gather(data, order.AsSpan(start, Math.Min(batchSize, data.Count - start)));
            var scores = _scores.AsSpan(0, rows);
            Model.Call(_batchInputs.AsSpan(0, rows), scores);
            lossSum += Task.ComputeLoss(scores, _batchLabels.AsSpan(0, rows), data.ListSize, default);
            steps++;
        }

        return Logs(lossSum / steps);
    }

    /// <summary>Copies the chosen lists' inputs and labels into the batch buffers; returns the number of rows.</summary>
    private int Gather(Lists data, ReadOnlySpan<int> lists)
    {
        int size = data.ListSize;
        int rows = lists.Length * size;
        Towers.Grow(ref _batchInputs, rows);
        Towers.Grow(ref _batchLabels, rows);
        Towers.Grow(ref _scores, rows);
        Towers.Grow(ref _gradient, rows);
        for (int i = 0; i < lists.Length; i++)
        {
            data.CopyTo(lists[i], _batchInputs.AsSpan(i * size, size), _batchLabels.AsSpan(i * size, size));
        }

        return rows;
    }

    private Dictionary<string, double> Logs(double loss)
    {
        var logs = new Dictionary<string, double> { ["loss"] = loss };
        foreach (var (name, value) in Task.MetricResults())
        {
            logs[name] = value;
        }

        return logs;
    }

    /// <summary>Examples as lists of one size: pairs are lists of one.</summary>
    private sealed class Lists
    {
        private readonly IReadOnlyList<(TInput Input, float Label)>? _pairs;
        private readonly IReadOnlyList<(TInput[] Items, float[] Labels)>? _lists;

        private Lists(IReadOnlyList<(TInput, float)>? pairs, IReadOnlyList<(TInput[], float[])>? lists, int size)
        {
            _pairs = pairs;
            _lists = lists;
            ListSize = size;
        }

        public int ListSize { get; }

        public int Count => _pairs?.Count ?? _lists!.Count;

        public static Lists Of(IReadOnlyList<(TInput, float)> pairs) => new(pairs, null, 1);

        public static Lists Of(IReadOnlyList<(TInput[] Items, float[] Labels)> lists)
        {
            int size = lists.Count == 0 ? 1 : lists[0].Items?.Length ?? 0;
            for (int i = 0; i < lists.Count; i++)
            {
                var (items, labels) = lists[i];
                if (items is null || labels is null || items.Length != size || labels.Length != size || size == 0)
                {
                    throw new ArgumentException($"List {i} must hold {Math.Max(size, 1)} items with a label each, as the first list does.", nameof(lists));
                }
            }

            return new(null, lists, size);
        }

        public void CopyTo(int index, Span<TInput> inputs, Span<float> labels)
        {
            if (_pairs is not null)
            {
                (inputs[0], labels[0]) = _pairs[index];
                return;
            }

            var (items, values) = _lists![index];
            items.CopyTo(inputs);
            values.CopyTo(labels);
        }
    }
}
