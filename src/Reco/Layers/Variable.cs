using Reco.Data.Sources.Parquet;
namespace Reco.Layers;

/// <summary>
/// A trainable weight matrix of <see cref="Rows"/> × <see cref="Columns"/> float32 values, row-major: an
/// embedding table, a dense layer's kernel or bias. Optimizers keep their state per variable, and a saved
/// model stores each variable under its <see cref="Name"/>.
/// </summary>
public sealed class Variable
{
    private readonly float[] _values;

    /// <summary>Wraps <paramref name="values"/> (not copied) as a <paramref name="rows"/> × <paramref name="columns"/> matrix.</summary>
    public Variable(string name, int rows, int columns, float[] values)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != (long)rows * columns)
        {
            throw new ArgumentException($"Expected {rows}×{columns} = {(long)rows * columns} values, got {values.Length}.", nameof(values));
        }

        Name = name;
        Rows = rows;
        Columns = columns;
        _values = values;
    }

    /// <summary>The name it is saved under (for example <c>embedding</c>, <c>kernel</c>).</summary>
    public string Name { get; }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns (values per row).</summary>
    public int Columns { get; }

    /// <summary>The values, row-major.</summary>
    public Span<float> Values => _values;

    internal float[] Array => _values;

    /// <summary>Row <paramref name="row"/>.</summary>
    public Span<float> Row(int row)
    {
        if ((uint)row >= (uint)Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be in [0, {Rows}).");
        }

        return _values.AsSpan(row * Columns, Columns);
    }

    /// <summary>Whether every value is finite (a diverged model holds NaN or infinity).</summary>
    public bool IsFinite()
    {
        foreach (float value in _values)
        {
            if (!float.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}
