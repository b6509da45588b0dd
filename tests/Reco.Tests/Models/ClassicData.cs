using Reco.Data;

namespace Reco.Tests.Models;

/// <summary>Small generated rating data for the classic models' tests.</summary>
internal static class ClassicData
{
    /// <summary>Interactions from (user, item, rating) triples.</summary>
    public static Interactions Of(params (string User, string Item, float Rating)[] rows) =>
        Interactions.From(rows.Select(r => (r.User, r.Item, r.Rating, 0L)));

    /// <summary>
    /// Ratings from a low-rank model with biases, two taste clusters: users of cluster c rate items of
    /// cluster c high. Every user rates <paramref name="perUser"/> distinct items.
    /// </summary>
    public static Interactions Clustered(int users = 40, int items = 30, int perUser = 12, int seed = 3)
    {
        var random = new Random(seed);
        var rows = new List<(string, string, float, long)>();
        for (int u = 0; u < users; u++)
        {
            var chosen = Enumerable.Range(0, items).OrderBy(_ => random.Next()).Take(perUser);
            foreach (int i in chosen)
            {
                bool match = u % 2 == i % 2;
                float rating = Math.Clamp((match ? 4.2f : 1.8f) + (0.02f * (i % 5)) + (random.NextSingle() * 0.6f) - 0.3f, 1f, 5f);
                rows.Add(($"u{u}", $"i{i}", MathF.Round(rating), 0L));
            }
        }

        return Interactions.From(rows);
    }

    /// <summary>Users that each interact only with the items of their own cluster (implicit data, ratings 1).</summary>
    public static Interactions Implicit(int users = 40, int items = 30, int perUser = 8, int seed = 5)
    {
        var random = new Random(seed);
        var rows = new List<(string, string, float, long)>();
        for (int u = 0; u < users; u++)
        {
            var own = Enumerable.Range(0, items).Where(i => i % 2 == u % 2).OrderBy(_ => random.Next()).Take(perUser);
            foreach (int i in own)
            {
                rows.Add(($"u{u}", $"i{i}", 1f, 0L));
            }
        }

        return Interactions.From(rows);
    }

    /// <summary>The rows of <paramref name="data"/> whose user is not <paramref name="user"/> (id maps kept).</summary>
    public static Interactions Without(Interactions data, int user) =>
        data.Subset([.. Enumerable.Range(0, data.Count).Where(r => data.UserIndices[r] != user)]);

    /// <summary>Solves A x = b (n×n, row-major) by Gaussian elimination with partial pivoting, in double.</summary>
    public static double[] Solve(double[] a, double[] b, int n)
    {
        var m = (double[])a.Clone();
        var x = (double[])b.Clone();
        for (int c = 0; c < n; c++)
        {
            int pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(m[(r * n) + c]));
            for (int j = 0; j < n; j++)
            {
                (m[(c * n) + j], m[(pivot * n) + j]) = (m[(pivot * n) + j], m[(c * n) + j]);
            }

            (x[c], x[pivot]) = (x[pivot], x[c]);
            for (int r = c + 1; r < n; r++)
            {
                double f = m[(r * n) + c] / m[(c * n) + c];
                for (int j = c; j < n; j++)
                {
                    m[(r * n) + j] -= f * m[(c * n) + j];
                }

                x[r] -= f * x[c];
            }
        }

        for (int r = n - 1; r >= 0; r--)
        {
            double s = x[r];
            for (int j = r + 1; j < n; j++)
            {
                s -= m[(r * n) + j] * x[j];
            }

            x[r] = s / m[(r * n) + r];
        }

        return x;
    }

    /// <summary>The inverse of A by solving against each unit vector.</summary>
    public static double[] Inverse(double[] a, int n)
    {
        var inverse = new double[n * n];
        for (int c = 0; c < n; c++)
        {
            var e = new double[n];
            e[c] = 1;
            var column = Solve(a, e, n);
            for (int r = 0; r < n; r++)
            {
                inverse[(r * n) + c] = column[r];
            }
        }

        return inverse;
    }

    /// <summary>Collects the loss of every epoch.</summary>
    internal sealed class LossRecorder : Reco.Training.TrainingCallback
    {
        public List<double> Losses { get; } = [];

        public override void OnEpochEnd(Reco.Training.EpochLog log) => Losses.Add(log.Logs["loss"]);
    }
}
