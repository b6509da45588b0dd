using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace Reco.Bench.Ingest;

/// <summary>
/// Generates MovieLens-32M-shaped interactions (200,948 users, 87,585 items, half-star ratings, Unix
/// times), grouped by user, with distinct items per user, as CSV with a header and as Parquet.
/// </summary>
internal static class IngestData
{
    public const int Users = 200_948;
    public const int Items = 87_585;

    public static void Generate(long rows, Action<int, int, float, long> row)
    {
        var random = new Random(7);
        long written = 0;
        for (int user = 1; written < rows; user = user % Users + 1)
        {
            // Skewed activity: most users rate a few dozen movies, some thousands.
            int count = (int)Math.Min(rows - written, 20 + (long)(Math.Pow(random.NextDouble(), 3) * 1200));
            int start = random.Next(Items);
            const int Step = 7919;
            for (int k = 0; k < count; k++)
            {
                int item = 1 + (int)((start + ((long)k * Step)) % Items);
                row(user, item, (1 + random.Next(10)) * 0.5f, 1_000_000_000L + random.Next(700_000_000));
            }

            written += count;
        }
    }

    public static void WriteCsv(string path, long rows)
    {
        using var output = new BufferedStream(File.Create(path), 1 << 20);
        output.Write("userId,movieId,rating,timestamp\n"u8);
        var line = new byte[64];
        Generate(rows, (u, i, r, t) =>
        {
            int n = 0;
            u.TryFormat(line, out int w, provider: CultureInfo.InvariantCulture);
            n += w;
            line[n++] = (byte)',';
            i.TryFormat(line.AsSpan(n), out w, provider: CultureInfo.InvariantCulture);
            n += w;
            line[n++] = (byte)',';
            r.TryFormat(line.AsSpan(n), out w, "0.0", CultureInfo.InvariantCulture);
            n += w;
            line[n++] = (byte)',';
            t.TryFormat(line.AsSpan(n), out w, provider: CultureInfo.InvariantCulture);
            n += w;
            line[n++] = (byte)'\n';
            output.Write(line, 0, n);
        });
    }

    public static async Task WriteParquetAsync(string path, long rows, int rowGroup = 1 << 20)
    {
        var fields = new DataField[]
        {
            new("userId", typeof(int)), new("movieId", typeof(int)), new("rating", typeof(float)), new("timestamp", typeof(long)),
        };
        var schema = new ParquetSchema(fields);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        var u = new int[rowGroup];
        var it = new int[rowGroup];
        var r = new float[rowGroup];
        var t = new long[rowGroup];
        int n = 0;
        var pending = new List<(int[], int[], float[], long[], int)>();
        Generate(rows, (user, item, rating, time) =>
        {
            u[n] = user;
            it[n] = item;
            r[n] = rating;
            t[n] = time;
            if (++n == rowGroup)
            {
                pending.Add(((int[])u.Clone(), (int[])it.Clone(), (float[])r.Clone(), (long[])t.Clone(), n));
                n = 0;
            }

            if (pending.Count > 0)
            {
                foreach (var group in pending)
                {
                    WriteGroupAsync(writer, fields, group).GetAwaiter().GetResult();
                }

                pending.Clear();
            }
        });
        if (n > 0)
        {
            await WriteGroupAsync(writer, fields, (u, it, r, t, n));
        }
    }

    private static async Task WriteGroupAsync(ParquetWriter writer, DataField[] fields, (int[] U, int[] I, float[] R, long[] T, int N) g)
    {
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<int>(fields[0], g.U.AsMemory(0, g.N));
        await group.WriteAsync<int>(fields[1], g.I.AsMemory(0, g.N));
        await group.WriteAsync<float>(fields[2], g.R.AsMemory(0, g.N));
        await group.WriteAsync<long>(fields[3], g.T.AsMemory(0, g.N));
    }

    public static string Describe(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:F0} MB");

    public static string Join(IEnumerable<string> parts) => new StringBuilder().AppendJoin(' ', parts).ToString();
}
