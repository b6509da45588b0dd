namespace Reco.Models.Neighbourhood;

/// <summary>A compressed sparse row matrix: for each row, its column indices (ascending) and values.</summary>
internal sealed class SparseRows
{
    private readonly int[] _start;
    private readonly int[] _columns;
    private readonly float[] _values;

    public SparseRows(int columnCount, int[] start, int[] columns, float[] values)
    {
        ColumnCount = columnCount;
        _start = start;
        _columns = columns;
        _values = values;
    }

    public int RowCount => _start.Length - 1;

    public int ColumnCount { get; }

    public int NonZeros => _columns.Length;

    public ReadOnlySpan<int> Columns(int row) => _columns.AsSpan(_start[row], _start[row + 1] - _start[row]);

    public ReadOnlySpan<float> Values(int row) => _values.AsSpan(_start[row], _start[row + 1] - _start[row]);

    /// <summary>Rows built by <paramref name="row"/>, which lists each row's columns (ascending) and values.</summary>
    public static SparseRows From(int rows, int columnCount, Func<int, (int[] Columns, float[] Values)> row)
    {
        var built = new (int[] Columns, float[] Values)[rows];
        var start = new int[rows + 1];
        for (int r = 0; r < rows; r++)
        {
            built[r] = row(r);
            start[r + 1] = start[r] + built[r].Columns.Length;
        }

        var columns = new int[start[rows]];
        var values = new float[start[rows]];
        for (int r = 0; r < rows; r++)
        {
            built[r].Columns.CopyTo(columns, start[r]);
            built[r].Values.CopyTo(values, start[r]);
        }

        return new SparseRows(columnCount, start, columns, values);
    }

    /// <summary>The transpose: rows become columns (each new row's columns ascending).</summary>
    public SparseRows Transpose()
    {
        var start = new int[ColumnCount + 1];
        foreach (int c in _columns)
        {
            start[c + 1]++;
        }

        for (int c = 0; c < ColumnCount; c++)
        {
            start[c + 1] += start[c];
        }

        var fill = (int[])start.Clone();
        var columns = new int[_columns.Length];
        var values = new float[_columns.Length];
        for (int r = 0; r < RowCount; r++)
        {
            for (int p = _start[r]; p < _start[r + 1]; p++)
            {
                int slot = fill[_columns[p]]++;
                columns[slot] = r;
                values[slot] = _values[p];
            }
        }

        return new SparseRows(RowCount, start, columns, values);
    }
}
