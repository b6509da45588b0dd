namespace Reco.Bench.Kernels;

/// <summary>A GEMM problem as training and scoring run it, with its operands allocated.</summary>
internal sealed class GemmShape
{
    public const int Batch = 4096;
    public const int Dim = 64;
    public const int RowBlock = 64;

    private GemmShape(string name, int m, int n, int k, int aRowStride, int aColStride, bool accumulate, bool large = false)
    {
        Large = large;
        Name = name;
        M = m;
        N = n;
        K = k;
        ARowStride = aRowStride;
        AColStride = aColStride;
        Accumulate = accumulate;
        var rng = new Random(42);
        A = Fill(rng, m * k);
        B = Fill(rng, k * n);
        C = new float[m * n];
    }

    public string Name { get; }

    public int M { get; }

    public int N { get; }

    public int K { get; }

    public int ARowStride { get; }

    public int AColStride { get; }

    public bool Accumulate { get; }

    /// <summary>A shape large enough that the kernels should run near the core's FMA peak.</summary>
    public bool Large { get; }

    public float[] A { get; }

    public float[] B { get; }

    public float[] C { get; }

    public double Flops => 2.0 * M * N * K;

    /// <summary>
    /// The three shapes of two-tower training with in-batch softmax, catalogue scoring (1,000 users × 1,700
    /// items and 2,048 × 8,192), a square product, and a Cholesky trailing update (transposed A, accumulate).
    /// </summary>
    public static GemmShape Create(string name) => name switch
    {
        "logits" => new GemmShape(name, RowBlock, Batch, Dim, Dim, 1, false),
        "queryGrad" => new GemmShape(name, RowBlock, Dim, Batch, Batch, 1, false),
        "candidateGrad" => new GemmShape(name, Dim, Batch, RowBlock, 1, Dim, true),
        "scoring" => new GemmShape(name, 1000, 1700, Dim, Dim, 1, false, large: true),
        "catalogue" => new GemmShape(name, 2048, 8192, Dim, Dim, 1, false, large: true),
        "square" => new GemmShape(name, 1024, 1024, 1024, 1024, 1, false, large: true),
        "trailing" => new GemmShape(name, 2048, 2048, 256, 1, 2048, true, large: true),
        _ => throw new ArgumentException($"Unknown shape '{name}'.", nameof(name)),
    };

    public static string[] Names { get; } = ["logits", "queryGrad", "candidateGrad", "scoring", "catalogue", "square", "trailing"];

    public override string ToString() => Name;

    private static float[] Fill(Random rng, int length)
    {
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((rng.NextDouble() * 2) - 1);
        }

        return values;
    }
}
