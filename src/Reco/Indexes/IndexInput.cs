using Reco.Data.Sources.Parquet;
namespace Reco.Indexes;

/// <summary>Checks shared by every index's build and search.</summary>
internal static class IndexInput
{
    /// <summary>Validates an item matrix and its ids; returns the ids (0 … n-1 when none are given) and n.</summary>
    public static (int[] Ids, int Count) Items(ReadOnlySpan<float> items, int dimension, ReadOnlySpan<int> ids)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (items.Length == 0)
        {
            throw new ArgumentException("The catalogue is empty: an index needs at least one item vector.", nameof(items));
        }

        if (items.Length % dimension != 0)
        {
            throw new ArgumentException(
                $"The item matrix holds {items.Length} values, which is not a whole number of {dimension}-d vectors.", nameof(items));
        }

        int count = items.Length / dimension;
        for (int i = 0; i < items.Length; i++)
        {
            if (!float.IsFinite(items[i]))
            {
                throw new ArgumentException($"Item {i / dimension} has a value that is not a finite number (coordinate {i % dimension}).", nameof(items));
            }
        }

        if (ids.IsEmpty)
        {
            var identity = new int[count];
            for (int i = 0; i < count; i++)
            {
                identity[i] = i;
            }

            return (identity, count);
        }

        if (ids.Length != count)
        {
            throw new ArgumentException($"{ids.Length} item ids for {count} item vectors.", nameof(ids));
        }

        var copy = ids.ToArray();
        Unique(copy, nameof(ids));
        return (copy, count);
    }

    /// <summary>Throws when <paramref name="ids"/> repeats an id.</summary>
    public static void Unique(int[] ids, string name)
    {
        var sorted = (int[])ids.Clone();
        Array.Sort(sorted);
        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                throw new ArgumentException($"Item id {sorted[i]} appears more than once.", name);
            }
        }
    }

    /// <summary>Validates a search call; returns the number of queries.</summary>
    public static int Search(IVectorIndex index, ReadOnlySpan<float> queries, int k, Span<int> ids, Span<float> scores, Span<int> found)
    {
        int count = VectorIndexExtensions.QueryCount(index, queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        long slots = (long)count * k;
        if (ids.Length < slots || scores.Length < slots)
        {
            throw new ArgumentException($"{count} queries × k = {k} need {slots} result slots.", ids.Length < slots ? nameof(ids) : nameof(scores));
        }

        if (found.Length < count)
        {
            throw new ArgumentException($"{count} queries need {count} result counts.", nameof(found));
        }

        return count;
    }

    /// <summary>Queries per pass, so that every worker's heaps stay small.</summary>
    public static int PassSize(int k) => Math.Max(SegmentScan.QueryBlock, (1 << 20) / k);
}
