using Reco.Data.Sources.Parquet;
namespace Reco.Layers;

/// <summary>
/// Sums per-example embedding gradients into one gradient per distinct row, the form in which an
/// optimizer updates only the rows a batch touched.
/// </summary>
internal sealed class SparseGradient
{
    private readonly int _dim;
    private readonly int[] _slotOfRow;
    private int[] _rows = [];
    private float[] _values = [];

    public SparseGradient(int tableRows, int dimension)
    {
        TableRows = tableRows;
        _dim = dimension;
        _slotOfRow = new int[tableRows];
        Array.Fill(_slotOfRow, -1);
    }

    /// <summary>Distinct rows touched by the last <see cref="Aggregate"/>, in order of first occurrence.</summary>
    public ReadOnlySpan<int> Rows => _rows.AsSpan(0, Count);

    /// <summary>Summed gradients, one row of <c>d</c> values per entry of <see cref="Rows"/>.</summary>
    public ReadOnlySpan<float> Values => _values.AsSpan(0, Count * _dim);

    public int Count { get; private set; }

    public int TableRows { get; }

    public void Aggregate(ReadOnlySpan<int> rows, ReadOnlySpan<float> gradients)
    {
        int d = _dim;

        // Forget the previous batch's slots (before the buffers that list them are replaced).
        for (int i = 0; i < Count; i++)
        {
            _slotOfRow[_rows[i]] = -1;
        }

        if (_rows.Length < rows.Length)
        {
            _rows = new int[rows.Length];
            _values = new float[rows.Length * d];
        }

        Count = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            int slot = _slotOfRow[row];
            var g = gradients.Slice(i * d, d);
            if (slot < 0)
            {
                slot = Count++;
                _slotOfRow[row] = slot;
                _rows[slot] = row;
                g.CopyTo(_values.AsSpan(slot * d, d));
            }
            else
            {
                var sum = _values.AsSpan(slot * d, d);
                System.Numerics.Tensors.TensorPrimitives.Add(sum, g, sum);
            }
        }
    }
}
