using System.Runtime.CompilerServices;

namespace Reco.Data.Sources;

/// <summary>
/// One part of a load, parsed on its own thread: writes rows into the shared columns from
/// <see cref="Start"/> on, with user and item indices local to the chunk until they are merged.
/// </summary>
internal sealed class Chunk
{
    private readonly ColumnSet _columns;
    private readonly float? _minRating;
    private readonly bool _skipBadRows;
    private readonly int _maxExamples;
    private readonly bool _growable;
    private int _end;

    public Chunk(ColumnSet columns, int start, int capacity, LoadOptions options, bool growable = false)
    {
        _columns = columns;
        Start = start;
        _end = start + capacity;
        _minRating = options.MinRating;
        _skipBadRows = options.SkipBadRows;
        _maxExamples = options.MaxBadRowExamples;
        _growable = growable;
    }

    public int Start { get; }

    public int Count { get; private set; }

    public LocalIds Users { get; } = new();

    public LocalIds Items { get; } = new();

    public long RowsRead { get; set; }

    public long Skipped { get; private set; }

    public long BelowThreshold { get; private set; }

    public List<BadRow> Examples { get; } = [];

    /// <summary>Adds a parsed row (one more row read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int user, int item, float rating, long time)
    {
        RowsRead++;
        if (_minRating is float min)
        {
            if (rating < min)
            {
                BelowThreshold++;
                return;
            }

            rating = 1f;
        }

        int at = Start + Count;
        if (at >= _end)
        {
            if (!_growable)
            {
                throw new InvalidOperationException("A chunk received more rows than its lines.");
            }

            _columns.Grow();
            _end = _columns.Capacity;
        }

        _columns.Users[at] = user;
        _columns.Items[at] = item;
        if (_columns.Ratings is float[] ratings)
        {
            ratings[at] = rating;
        }

        if (_columns.Times is long[] times)
        {
            times[at] = time;
        }

        Count++;
    }

    /// <summary>Records a malformed row (one more row read): stops the load, or counts it when skipping.</summary>
    public void Bad(BadRow row)
    {
        if (!_skipBadRows)
        {
            throw new DataFormatException(row);
        }

        RowsRead++;
        Skipped++;
        if (Examples.Count < _maxExamples)
        {
            Examples.Add(row);
        }
    }
}
