using System.Diagnostics;
using Reco.Layers;
using Reco.Optimizers;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Models;

/// <summary>
/// A two-tower retrieval model: a query tower and a candidate tower trained with a
/// <see cref="Retrieval"/> task. It is the <c>MovieLensModel(tfrs.Model)</c> of the TFRS quickstart,
/// whose <c>compute_loss</c> embeds both sides of a batch and hands them to the task.
/// </summary>
/// <typeparam name="TQuery">The query feature (for example the user id).</typeparam>
/// <typeparam name="TCandidate">The candidate feature (for example the movie title).</typeparam>
public sealed class TwoTowerModel<TQuery, TCandidate>
{
    private Optimizer? _optimizer;

    /// <summary>Wires the towers to the task.</summary>
    public TwoTowerModel(Sequential<TQuery> queryModel, Sequential<TCandidate> candidateModel, Retrieval task)
    {
        ArgumentNullException.ThrowIfNull(queryModel);
        ArgumentNullException.ThrowIfNull(candidateModel);
        ArgumentNullException.ThrowIfNull(task);
        if (queryModel.OutputDim != candidateModel.OutputDim)
        {
            throw new ArgumentException($"The query tower makes {queryModel.OutputDim}-d embeddings but the candidate tower makes {candidateModel.OutputDim}-d ones; a dot product needs both the same.");
        }

        if (task.Metrics is { } metrics && !metrics.Uses(candidateModel))
        {
            throw new ArgumentException("The task's metric embeds its candidates with a different tower than the model's candidate tower.", nameof(task));
        }

        QueryModel = queryModel;
        CandidateModel = candidateModel;
        Task = task;
    }

    /// <summary>The query (user) tower.</summary>
    public Sequential<TQuery> QueryModel { get; }

    /// <summary>The candidate (item) tower.</summary>
    public Sequential<TCandidate> CandidateModel { get; }

    /// <summary>The task that owns the loss and metrics.</summary>
    public Retrieval Task { get; }

    /// <summary>The optimizer given to <see cref="Compile"/>, or null before.</summary>
    public Optimizer? Optimizer => _optimizer;

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
    public History Fit(
        IReadOnlyList<(TQuery Query, TCandidate Candidate)> data,
        int batchSize,
        int epochs = 1,
        bool shuffle = false,
        int seed = 0,
        IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 0);
        var optimizer = _optimizer ?? throw new InvalidOperationException("Call Compile(optimizer) before Fit.");
        if (data.Count == 0)
        {
            throw new ArgumentException("There is no training data.", nameof(data));
        }

        var (queryRows, candidateRows) = LookupPairs(data);
        var hooks = callbacks?.ToArray() ?? [];
        int n = data.Count;
        int steps = (n + batchSize - 1) / batchSize;
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        int capacity = Math.Min(batchSize, n);
        var qBatch = new int[capacity];
        var cBatch = new int[capacity];
        Retrieval.GradientSink apply = optimizer.ApplySparse;
        var metrics = Task.Metrics;
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
                    qBatch[i] = queryRows[order[start + i]];
                    cBatch[i] = candidateRows[order[start + i]];
                }

                var qs = qBatch.AsSpan(0, b);
                var cs = cBatch.AsSpan(0, b);

                // Metrics see the weights before this batch's update, as in a Keras train step.
                metrics?.Update(qs, QueryModel.Embedding.WeightArray, cs);
                lossSum += Task.ComputeLoss(qs, cs, QueryModel.Embedding, CandidateModel.Embedding, apply);

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

        var (queryRows, candidateRows) = LookupPairs(data);
        int n = data.Count;

        // The weights do not change while evaluating, so one pass over every pair gives the same
        // metric as batch by batch and scores each distinct query only once.
        var metrics = Task.Metrics;
        metrics?.Reset();
        metrics?.Update(queryRows, QueryModel.Embedding.WeightArray, candidateRows);

        double lossSum = 0;
        int steps = 0;
        for (int start = 0; start < n; start += batchSize)
        {
            int b = Math.Min(batchSize, n - start);
            lossSum += Task.ComputeLoss(queryRows.AsSpan(start, b), candidateRows.AsSpan(start, b), QueryModel.Embedding, CandidateModel.Embedding, null);
            steps++;
        }

        return Logs(lossSum / steps);
    }

    private (int[] Queries, int[] Candidates) LookupPairs(IReadOnlyList<(TQuery Query, TCandidate Candidate)> data)
    {
        var queries = new int[data.Count];
        var candidates = new int[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            queries[i] = QueryModel.Lookup.Lookup(data[i].Query);
            candidates[i] = CandidateModel.Lookup.Lookup(data[i].Candidate);
        }

        return (queries, candidates);
    }

    private Dictionary<string, double> Logs(double loss)
    {
        var logs = new Dictionary<string, double> { ["loss"] = loss };
        if (Task.Metrics is { } metrics)
        {
            foreach (var (name, value) in metrics.Result())
            {
                logs[name] = value;
            }
        }

        return logs;
    }
}
