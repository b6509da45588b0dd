using Reco.Numerics;

namespace Reco.Models.Factorization;

/// <summary>Seeded normal initialisation of factor matrices (Box–Muller).</summary>
internal static class Gaussian
{
    public static float[] Matrix(int rows, int columns, float std, Random random)
    {
        var values = WeightArrays.New(rows, columns, "A factor matrix");
        Fill(values, std, random);
        return values;
    }

    /// <summary>User then item factor matrices, drawn in that order from <paramref name="random"/>.</summary>
    public static (float[] User, float[] Item) Factors(int userCount, int itemCount, int factors, float std, Random random)
    {
        var user = Matrix(userCount, factors, std, random);
        var item = Matrix(itemCount, factors, std, random);
        return (user, item);
    }

    public static void Fill(Span<float> values, float std, Random random)
    {
        for (int i = 0; i < values.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1)) * std;
            values[i] = (float)(radius * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < values.Length)
            {
                values[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2));
            }
        }
    }
}
