namespace Reco.Data.Sources;

/// <summary>The output columns of a load, filled by chunks at their own offsets, grown only for a single streaming chunk.</summary>
internal sealed class ColumnSet
{
    public ColumnSet(long capacity, bool ratings, bool times)
    {
        if (capacity > Array.MaxLength)
        {
            throw new InvalidDataException($"The source has more than {Array.MaxLength:N0} rows, the most one load can hold.");
        }

        int n = (int)capacity;
        Users = new int[n];
        Items = new int[n];
        Ratings = ratings ? new float[n] : null;
        Times = times ? new long[n] : null;
    }

    public int[] Users { get; private set; }

    public int[] Items { get; private set; }

    public float[]? Ratings { get; private set; }

    public long[]? Times { get; private set; }

    public int Capacity => Users.Length;

    public void Grow()
    {
        int size = (int)Math.Min(Array.MaxLength, Math.Max(1024L, Capacity * 2L));
        if (size == Capacity)
        {
            throw new InvalidDataException($"The source has more than {Array.MaxLength:N0} rows, the most one load can hold.");
        }

        Users = Resize(Users, size);
        Items = Resize(Items, size);
        Ratings = Ratings is null ? null : Resize(Ratings, size);
        Times = Times is null ? null : Resize(Times, size);
    }

    /// <summary>Moves rows [from, from+count) to start at <paramref name="to"/> (to ≤ from).</summary>
    public void Move(int from, int to, int count)
    {
        if (from == to || count == 0)
        {
            return;
        }

        Array.Copy(Users, from, Users, to, count);
        Array.Copy(Items, from, Items, to, count);
        if (Ratings is not null)
        {
            Array.Copy(Ratings, from, Ratings, to, count);
        }

        if (Times is not null)
        {
            Array.Copy(Times, from, Times, to, count);
        }
    }

    /// <summary>Cuts every column to <paramref name="count"/> rows (one column at a time, to keep the peak low).</summary>
    public void Truncate(int count)
    {
        if (count == Capacity)
        {
            return;
        }

        Users = Resize(Users, count);
        Items = Resize(Items, count);
        Ratings = Ratings is null ? null : Resize(Ratings, count);
        Times = Times is null ? null : Resize(Times, count);
    }

    private static T[] Resize<T>(T[] array, int size)
    {
        var result = GC.AllocateUninitializedArray<T>(size);
        Array.Copy(array, result, Math.Min(size, array.Length));
        return result;
    }
}
