namespace Reco.Data.Synthetic;

/// <summary>Walker's alias method (Vose's construction): draws index i with probability wᵢ / Σw in constant time.</summary>
internal sealed class AliasTable
{
    private readonly double[] _probability;
    private readonly int[] _alias;
    private readonly int[] _values;

    /// <param name="values">What each entry stands for (returned by <see cref="Sample"/>).</param>
    /// <param name="weights">Non-negative weights, one per value, not all zero.</param>
    public AliasTable(int[] values, double[] weights)
    {
        int n = weights.Length;
        _values = values;
        _probability = new double[n];
        _alias = new int[n];
        double total = weights.Sum();
        var scaled = weights.Select(w => w * n / total).ToArray();
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = n - 1; i >= 0; i--)
        {
            (scaled[i] < 1 ? small : large).Push(i);
        }

        while (small.Count > 0 && large.Count > 0)
        {
            int s = small.Pop();
            int l = large.Pop();
            _probability[s] = scaled[s];
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            (scaled[l] < 1 ? small : large).Push(l);
        }

        foreach (int i in large.Concat(small))
        {
            _probability[i] = 1;
            _alias[i] = i;
        }
    }

    public int Count => _values.Length;

    public int Sample(ref RandomStream random)
    {
        int i = random.NextInt(_probability.Length);
        return _values[random.NextDouble() < _probability[i] ? i : _alias[i]];
    }
}
