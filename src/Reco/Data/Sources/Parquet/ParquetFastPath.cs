using Parquet;
using Parquet.Schema;

namespace Reco.Data.Sources.Parquet;

/// <summary>
/// The common Parquet layout, read without per-row-group garbage: required 32-bit integer ids, a
/// required float rating and a required 64-bit time, each read into buffers reused across row groups.
/// </summary>
internal static class ParquetFastPath
{
    public static bool Applies(DataField user, DataField item, DataField? rating, DataField? time) =>
        IsRequired(user, typeof(int)) && IsRequired(item, typeof(int))
        && (rating is null || IsRequired(rating, typeof(float)))
        && (time is null || IsRequired(time, typeof(long)));

    public static async Task ReadAsync(
        ParquetRowGroupReader group, long firstRow, Chunk chunk, string name, ColumnMapping mapping,
        DataField userField, DataField itemField, DataField? ratingField, DataField? timeField, TimeUnit unit, Buffers buffers, CancellationToken cancellationToken)
    {
        int n = (int)group.RowCount;
        buffers.Ensure(n);
        await group.ReadAsync(userField, buffers.Users.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
        GarbageBudget.Check();
        await group.ReadAsync(itemField, buffers.Items.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
        GarbageBudget.Check();
        if (ratingField is not null)
        {
            await group.ReadAsync(ratingField, buffers.Ratings.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            GarbageBudget.Check();
        }

        if (timeField is not null)
        {
            await group.ReadAsync(timeField, buffers.Times.AsMemory(0, n), null, cancellationToken).ConfigureAwait(false);
            GarbageBudget.Check();
        }

        var users = buffers.Users;
        var items = buffers.Items;
        var ratings = buffers.Ratings;
        var times = buffers.Times;
        bool hasRating = ratingField is not null;
        bool hasTime = timeField is not null;
        for (int i = 0; i < n; i++)
        {
            float rating = hasRating ? ratings[i] : 1f;
            if (!float.IsFinite(rating))
            {
                chunk.Bad(new BadRow(name, "row", firstRow + i + 1, mapping.Rating, ValueRules.RatingProblem(rating, ParquetColumns.Shown(rating))!));
                continue;
            }

            long time = 0;
            if (hasTime)
            {
                time = times[i];
                if ((unit != TimeUnit.Seconds || (ulong)time >= (ulong)ValueRules.EndSeconds) && ValueRules.TimeProblem(times[i], unit, out time) is string problem)
                {
                    chunk.Bad(new BadRow(name, "row", firstRow + i + 1, mapping.Time, problem));
                    continue;
                }
            }

            chunk.Add(chunk.Users.Number(users[i]), chunk.Items.Number(items[i]), rating, time);
        }
    }

    private static bool IsRequired(DataField field, Type type) => field.ClrType == type && !field.IsNullable && !field.IsArray;

    /// <summary>One worker's column buffers.</summary>
    public sealed class Buffers
    {
        public int[] Users { get; private set; } = [];

        public int[] Items { get; private set; } = [];

        public float[] Ratings { get; private set; } = [];

        public long[] Times { get; private set; } = [];

        public void Ensure(int n)
        {
            if (Users.Length < n)
            {
                Users = new int[n];
                Items = new int[n];
                Ratings = new float[n];
                Times = new long[n];
            }
        }
    }
}
