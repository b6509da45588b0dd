using System.Diagnostics;
using Reco.Layers;
using Reco.Metrics;
using Reco.Optimizers;
using Reco.Tasks;
using Reco.Training;

namespace Reco.Models.TwoTower;

/// <summary>The training loop of <see cref="TwoTowerModel{TQuery, TCandidate}"/>: batches, negatives, the rating head.</summary>
public sealed partial class TwoTowerModel<TQuery, TCandidate>
{
    private History Train(EncodedPairs encoded, int batchSize, int epochs, bool shuffle, int seed, IEnumerable<TrainingCallback>? callbacks, bool computeMetrics)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 0);
        _ = QueryModel;
        var optimizer = _optimizer ?? throw new InvalidOperationException("Call Compile(optimizer) before Fit.");
        int n = encoded.QueryKeys.Length;
        if (n == 0)
        {
            throw new ArgumentException("There is no training data.", "data");
        }

        if (Negatives != CandidateNegatives.InBatch && (_task.RemoveAccidentalHits || _task.NumHardNegatives > 0))
        {
            throw new NotSupportedException("Accidental-hit removal and hard-negative mining work with in-batch negatives only.");
        }

        InvalidateEmbeddings();
        var hooks = callbacks?.ToArray() ?? [];
        int steps = (n + batchSize - 1) / batchSize;
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        var sampler = new Random(unchecked((seed * 31) + 17));
        var work = new BatchWork(QueryModel.OutputDim, RowsOf(QueryModel, encoded.Queries), RowsOf(CandidateModel, encoded.Candidates));
        var metrics = computeMetrics ? _task.Metrics : null;
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
            _rating?.Task.ResetMetrics();
            double lossSum = 0;
            for (int step = 0; step < steps; step++)
            {
                int start = step * batchSize;
                int b = Math.Min(batchSize, n - start);
                lossSum += work.Train(this, encoded, order.AsSpan(start, b), optimizer, computeMetrics, sampler);
                if (hooks.Length > 0)
                {
                    var logs = Logs(lossSum / (step + 1), computeMetrics);
                    foreach (var hook in hooks)
                    {
                        hook.OnBatchEnd(new BatchLog(epoch, step + 1, steps, start + b, logs));
                    }
                }
            }

            var log = new EpochLog(epoch, Logs(lossSum / steps, computeMetrics), clock.Elapsed.TotalSeconds);
            Divergence.Check(epoch, lossSum, [.. QueryModel.Variables, .. CandidateModel.Variables, .. _rating?.Layers.Variables ?? []], optimizer);
            history.Add(log);
            foreach (var hook in hooks)
            {
                hook.OnEpochEnd(log);
            }
        }

        history.Seconds = total.Elapsed.TotalSeconds;
        return history;
    }

    private IReadOnlyDictionary<string, double> Evaluate(EncodedPairs encoded, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        int n = encoded.QueryKeys.Length;
        if (n == 0)
        {
            throw new ArgumentException("There is no evaluation data.", "data");
        }

        UpdateMetrics(encoded);
        _rating?.Task.ResetMetrics();
        var work = new BatchWork(QueryModel.OutputDim);
        var rows = Enumerable.Range(0, n).ToArray();
        double lossSum = 0;
        int steps = 0;
        for (int start = 0; start < n; start += batchSize)
        {
            lossSum += work.Evaluate(this, encoded, rows.AsSpan(start, Math.Min(batchSize, n - start)));
            steps++;
        }

        return Logs(lossSum / steps);
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

    /// <summary>
    /// Each distinct input's row in an indexed tower's embedding table, looked up once per fit rather than
    /// on every batch; null for other towers, which embed the inputs themselves.
    /// </summary>
    private static int[]? RowsOf<T>(ITower<T> tower, T[] inputs)
    {
        if (tower is not IIndexedTower<T> indexed)
        {
            return null;
        }

        var rows = new int[inputs.Length];
        indexed.LookupRows(inputs, rows);
        return rows;
    }

    /// <summary>A multitask model's rating task, its layers over the concatenated embeddings, and its loss weight.</summary>
    private sealed record RatingHead(Ranking Task, LayerChain Layers, float Weight);

    /// <summary>Every pair's query and candidate as a key into the distinct inputs of the data, with its rating if any.</summary>
    private sealed class EncodedPairs
    {
        public EncodedPairs(IReadOnlyList<(TQuery Query, TCandidate Candidate)> data, float[]? ratings, ICandidateCatalogue<TCandidate>? catalogue)
        {
            var queryIndex = new Dictionary<TQuery, int>();
            var candidateIndex = new Dictionary<TCandidate, int>();
            var queries = new List<TQuery>();
            var candidates = new List<TCandidate>();
            var counts = new List<int>();
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
                    counts.Add(0);
                }

                counts[c]++;
                QueryKeys[r] = q;
                CandidateKeys[r] = c;
            }

            Queries = [.. queries];
            Candidates = [.. candidates];
            CandidateCounts = [.. counts];
            Ratings = ratings;
            Columns = catalogue is null ? null : [.. Candidates.Select(catalogue.ColumnOf)];
        }

        public int[] QueryKeys { get; }

        public int[] CandidateKeys { get; }

        public TQuery[] Queries { get; }

        public TCandidate[] Candidates { get; }

        /// <summary>How many pairs hold each distinct candidate.</summary>
        public int[] CandidateCounts { get; }

        /// <summary>Each pair's rating (multitask training), or null.</summary>
        public float[]? Ratings { get; }

        /// <summary>Each distinct candidate's column in the metric's catalogue (−1 if absent), or null without one.</summary>
        public int[]? Columns { get; }
    }

    /// <summary>
    /// One batch through the towers, the tasks and back; buffers reused across batches. Given each distinct
    /// query's and candidate's row (<see cref="RowsOf"/>), training feeds indexed towers rows instead of inputs.
    /// </summary>
    private sealed class BatchWork(int dimension, int[]? queryRows = null, int[]? candidateRows = null)
    {
        private readonly DistinctKeys _queries = new();
        private readonly DistinctKeys _candidates = new();
        private int[] _queryKeys = [];
        private int[] _candidateKeys = [];
        private int[] _candidateSlots = [];
        private TQuery[] _queryInputs = [];
        private TCandidate[] _candidateInputs = [];
        private int[] _queryBatchRows = [];
        private int[] _candidateBatchRows = [];
        private int[] _columns = [];
        private float[] _weights = [];
        private float[] _corrections = [];
        private float[]? _logShares;
        private float[] _u = [];
        private float[] _m = [];
        private float[] _du = [];
        private float[] _dm = [];
        private float[] _joined = [];
        private float[] _ratings = [];
        private float[] _labels = [];
        private float[] _ratingGradient = [];

        /// <summary>The loss of the pairs <paramref name="rows"/> with the weights as they are (no update).</summary>
        public double Evaluate(TwoTowerModel<TQuery, TCandidate> model, EncodedPairs encoded, ReadOnlySpan<int> rows)
        {
            int d = dimension;
            var (nq, nc) = Distinct(encoded, rows, null, 0, null);
            var u = _u.AsSpan(0, nq * d);
            var m = _m.AsSpan(0, nc * d);
            model.QueryModel.Call(_queryInputs.AsSpan(0, nq), u);
            model.CandidateModel.Call(_candidateInputs.AsSpan(0, nc), m);
            double loss = model._task.ComputeLoss(_queries.Slots, _candidateSlots.AsSpan(0, rows.Length), u, nq, m, nc, d, default, default);
            if (model._rating is { } head)
            {
                loss = (model.RetrievalWeight * loss) + (head.Weight * RatingLoss(head, encoded, rows, training: false, null, null));
            }

            return loss;
        }

        /// <summary>One training step on the pairs <paramref name="rows"/>; returns the batch's loss.</summary>
        public double Train(TwoTowerModel<TQuery, TCandidate> model, EncodedPairs encoded, ReadOnlySpan<int> rows, Optimizer optimizer, bool computeMetrics, Random sampler)
        {
            int d = dimension;
            int b = rows.Length;
            var negatives = model.Negatives;
            int sampled = negatives == CandidateNegatives.Mixed ? model.SampledNegatives : 0;
            var (nq, nc) = Distinct(encoded, rows, model, sampled, sampler);
            var u = _u.AsSpan(0, nq * d);
            var m = _m.AsSpan(0, nc * d);
            if (queryRows is null)
            {
                model.QueryModel.Forward(_queryInputs.AsSpan(0, nq), u);
            }
            else
            {
                ((IIndexedTower<TQuery>)model.QueryModel).ForwardRows(_queryBatchRows.AsSpan(0, nq), u);
            }

            if (candidateRows is null)
            {
                model.CandidateModel.Forward(_candidateInputs.AsSpan(0, nc), m);
            }
            else
            {
                ((IIndexedTower<TCandidate>)model.CandidateModel).ForwardRows(_candidateBatchRows.AsSpan(0, nc), m);
            }
            var candidateSlots = _candidateSlots.AsSpan(0, b);

            // Metrics see the weights before this batch's update, as in a Keras train step.
            if (computeMetrics && model._task.Metrics is { } metrics)
            {
                Grow(ref _columns, nc);
                bool everyCandidate = negatives == CandidateNegatives.Catalogue;
                for (int s = 0; s < nc; s++)
                {
                    int key = everyCandidate ? s : _candidates.Keys[s];
                    _columns[s] = encoded.Columns is null ? -1 : encoded.Columns[key];
                }

                metrics.Update(new RetrievalBatch(d, u, _queries.Slots, m, candidateSlots, _columns.AsSpan(0, nc)));
            }

            Grow(ref _du, nq * d);
            Grow(ref _dm, nc * d);
            var du = _du.AsSpan(0, nq * d);
            var dm = _dm.AsSpan(0, nc * d);
            var weights = negatives == CandidateNegatives.InBatch ? default : _weights.AsSpan(0, nc);
            var corrections = model._task.SamplingBiasCorrection && negatives != CandidateNegatives.Catalogue ? Corrections(encoded, b, sampled, nc) : default;
            double loss = model._task.ComputeLoss(_queries.Slots, candidateSlots, u, nq, m, nc, d, du, dm, corrections, weights);
            if (model._rating is { } head)
            {
                if (model.RetrievalWeight != 1f)
                {
                    System.Numerics.Tensors.TensorPrimitives.Multiply(du, model.RetrievalWeight, du);
                    System.Numerics.Tensors.TensorPrimitives.Multiply(dm, model.RetrievalWeight, dm);
                }

                loss = (model.RetrievalWeight * loss) + (head.Weight * RatingLoss(head, encoded, rows, training: true, optimizer, computeMetrics ? head.Task : null));
            }

            model.QueryModel.Backward(du, optimizer!);
            model.CandidateModel.Backward(dm, optimizer!);
            return loss;
        }

        /// <summary>
        /// Finds the batch's distinct queries and candidates (with the catalogue or sampled negatives) and gathers
        /// their inputs; fills each pair's candidate slot and, for extra negatives, each candidate's weight.
        /// </summary>
        private (int Queries, int Candidates) Distinct(EncodedPairs encoded, ReadOnlySpan<int> rows, TwoTowerModel<TQuery, TCandidate>? model, int sampled, Random? sampler)
        {
            int d = dimension;
            int b = rows.Length;
            var negatives = model?.Negatives ?? CandidateNegatives.InBatch;
            int catalogue = encoded.Candidates.Length;
            Grow(ref _queryKeys, b);
            Grow(ref _candidateKeys, b + sampled);
            Grow(ref _candidateSlots, b);
            for (int i = 0; i < b; i++)
            {
                _queryKeys[i] = encoded.QueryKeys[rows[i]];
                _candidateKeys[i] = encoded.CandidateKeys[rows[i]];
            }

            // Training with rows (model given) gathers rows; evaluation (no model) gathers the inputs.
            int nq = _queries.Build(_queryKeys.AsSpan(0, b), encoded.Queries.Length);
            var queryKeys = _queries.Keys;
            if (model is not null && queryRows is not null)
            {
                Grow(ref _queryBatchRows, nq);
                for (int s = 0; s < nq; s++)
                {
                    _queryBatchRows[s] = queryRows[queryKeys[s]];
                }
            }
            else
            {
                Grow(ref _queryInputs, nq);
                for (int s = 0; s < nq; s++)
                {
                    _queryInputs[s] = encoded.Queries[queryKeys[s]];
                }
            }

            bool byRows = model is not null && candidateRows is not null;

            int nc;
            if (negatives == CandidateNegatives.Catalogue)
            {
                // Every candidate once, in key order: a pair's slot is its candidate's key.
                nc = catalogue;
                Grow(ref _weights, nc);
                if (byRows)
                {
                    Grow(ref _candidateBatchRows, nc);
                    candidateRows!.CopyTo(_candidateBatchRows, 0);
                }
                else
                {
                    Grow(ref _candidateInputs, nc);
                    encoded.Candidates.CopyTo(_candidateInputs, 0);
                }

                _weights.AsSpan(0, nc).Fill(1f);
                _candidateKeys.AsSpan(0, b).CopyTo(_candidateSlots);
            }
            else
            {
                for (int i = 0; i < sampled; i++)
                {
                    _candidateKeys[b + i] = sampler!.Next(catalogue);
                }

                nc = _candidates.Build(_candidateKeys.AsSpan(0, b + sampled), catalogue);
                _candidates.Slots[..b].CopyTo(_candidateSlots);
                var candidateKeys = _candidates.Keys;
                if (byRows)
                {
                    Grow(ref _candidateBatchRows, nc);
                    for (int s = 0; s < nc; s++)
                    {
                        _candidateBatchRows[s] = candidateRows![candidateKeys[s]];
                    }
                }
                else
                {
                    Grow(ref _candidateInputs, nc);
                    for (int s = 0; s < nc; s++)
                    {
                        _candidateInputs[s] = encoded.Candidates[candidateKeys[s]];
                    }
                }

                if (negatives == CandidateNegatives.Mixed)
                {
                    // Each distinct candidate stands for its occurrences among the positives and the samples.
                    Grow(ref _weights, nc);
                    _weights.AsSpan(0, nc).Clear();
                    foreach (int slot in _candidates.Slots)
                    {
                        _weights[slot] += 1f;
                    }
                }
            }

            Grow(ref _u, nq * d);
            Grow(ref _m, nc * d);
            return (nq, nc);
        }

        /// <summary>
        /// log q per distinct candidate: its share of the training pairs, or with sampled negatives the
        /// probability of a draw from the mixture of the batch's positives and uniform samples.
        /// </summary>
        private ReadOnlySpan<float> Corrections(EncodedPairs encoded, int b, int sampled, int nc)
        {
            Grow(ref _corrections, nc);
            double total = encoded.QueryKeys.Length;
            int catalogue = encoded.Candidates.Length;
            var keys = _candidates.Keys;
            if (sampled == 0)
            {
                // In-batch negatives alone: log q is the candidate's share, the same in every batch, so taken once.
                _logShares ??= [.. encoded.CandidateCounts.Select(count => (float)Math.Log(count / total))];
                for (int s = 0; s < nc; s++)
                {
                    _corrections[s] = _logShares[keys[s]];
                }

                return _corrections.AsSpan(0, nc);
            }

            for (int s = 0; s < nc; s++)
            {
                double p = encoded.CandidateCounts[keys[s]] / total;
                double q = sampled == 0 ? p : ((b * p) + ((double)sampled / catalogue)) / (b + sampled);
                _corrections[s] = (float)Math.Log(q);
            }

            return _corrections.AsSpan(0, nc);
        }

        /// <summary>
        /// The rating head on the batch's pairs: the concatenated embeddings through the layers, the rating loss,
        /// and (training) its gradient scaled by the head's weight, added into the towers' gradients.
        /// </summary>
        private double RatingLoss(RatingHead head, EncodedPairs encoded, ReadOnlySpan<int> rows, bool training, Optimizer? optimizer, Ranking? metricsTask)
        {
            int d = dimension, b = rows.Length, width = 2 * d;
            var ratings = encoded.Ratings ?? throw new InvalidOperationException("These pairs carry no ratings for the rating head.");
            Grow(ref _joined, b * width);
            Grow(ref _ratings, b);
            Grow(ref _labels, b);
            Grow(ref _ratingGradient, b);
            var querySlots = _queries.Slots;
            for (int i = 0; i < b; i++)
            {
                _u.AsSpan(querySlots[i] * d, d).CopyTo(_joined.AsSpan(i * width, d));
                _m.AsSpan(_candidateSlots[i] * d, d).CopyTo(_joined.AsSpan((i * width) + d, d));
                _labels[i] = ratings[rows[i]];
            }

            var predictions = _ratings.AsSpan(0, b);
            var labels = _labels.AsSpan(0, b);
            if (!training)
            {
                head.Layers.Call(_joined.AsSpan(0, b * width), b, predictions);
                return head.Task.ComputeLoss(predictions, labels, 1, default);
            }

            head.Layers.Forward(_joined.AsSpan(0, b * width), b, predictions);
            var gradient = _ratingGradient.AsSpan(0, b);
            double loss = head.Task.ComputeLoss(predictions, labels, 1, gradient, updateMetrics: metricsTask is not null);
            System.Numerics.Tensors.TensorPrimitives.Multiply(gradient, head.Weight, gradient);
            var joinedGradient = head.Layers.Backward(gradient, optimizer!);
            for (int i = 0; i < b; i++)
            {
                var dq = _du.AsSpan(querySlots[i] * d, d);
                var dc = _dm.AsSpan(_candidateSlots[i] * d, d);
                System.Numerics.Tensors.TensorPrimitives.Add(dq, joinedGradient.Slice(i * width, d), dq);
                System.Numerics.Tensors.TensorPrimitives.Add(dc, joinedGradient.Slice((i * width) + d, d), dc);
            }

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
