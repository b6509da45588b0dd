namespace Reco.Metrics;

/// <summary>
/// Normalised discounted cumulative gain of each list, averaged over lists, as TensorFlow Ranking's
/// <c>NDCGMetric</c>: the list is ranked by prediction (ties: earlier item first), gain 2^label − 1,
/// discount 1/log₂(rank + 1), divided by the gain of the ideal order; lists with no gain are left out.
/// </summary>
public sealed class Ndcg : RankingMetric
{
    private readonly int? _topN;
    private double _sum;
    private long _lists;
    private int _listSize;

    /// <summary>Creates the metric over the first <paramref name="topN"/> ranks, or the whole list when null.</summary>
    public Ndcg(int? topN = null)
    {
        if (topN is { } k)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(k, 1, nameof(topN));
        }

        _topN = topN;
    }

    /// <summary><c>ndcg@k</c>: k is the cut-off, or the list size when the whole list counts.</summary>
    public override string Name => $"ndcg@{_topN ?? (_listSize == 0 ? 1 : _listSize)}";

    /// <inheritdoc/>
    public override void Reset() => (_sum, _lists) = (0, 0);

    /// <inheritdoc/>
    public override double Result() => _lists == 0 ? 0 : _sum / _lists;

    /// <inheritdoc/>
    public override void Update(ReadOnlySpan<float> predictions, ReadOnlySpan<float> labels, int listSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(listSize, 1);
        if (predictions.Length != labels.Length || predictions.Length % listSize != 0)
        {
            throw new ArgumentException($"Predictions and labels must be whole lists of {listSize}.");
        }

        _listSize = listSize;
        int k = Math.Min(_topN ?? listSize, listSize);
        Span<int> byPrediction = listSize <= 256 ? stackalloc int[listSize] : new int[listSize];
        Span<int> byLabel = listSize <= 256 ? stackalloc int[listSize] : new int[listSize];
        for (int start = 0; start < predictions.Length; start += listSize)
        {
            var p = predictions.Slice(start, listSize);
            var y = labels.Slice(start, listSize);
            Order(p, byPrediction);
            Order(y, byLabel);
            double dcg = 0, ideal = 0;
            for (int r = 0; r < k; r++)
            {
                double discount = 1.0 / Math.Log2(r + 2);
                dcg += (Math.Pow(2, y[byPrediction[r]]) - 1) * discount;
                ideal += (Math.Pow(2, y[byLabel[r]]) - 1) * discount;
            }

            if (ideal > 0)
            {
                _sum += dcg / ideal;
                _lists++;
            }
        }
    }

    /// <summary>Positions by value, highest first, ties in position order (a stable insertion sort: lists are short).</summary>
    private static void Order(ReadOnlySpan<float> values, Span<int> order)
    {
        for (int i = 0; i < order.Length; i++)
        {
            int j = i - 1;
            while (j >= 0 && values[order[j]] < values[i])
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = i;
        }
    }
}
