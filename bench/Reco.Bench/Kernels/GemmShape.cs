namespace Reco.Bench.Kernels;

/// <summary>A GEMM problem as training and scoring run it, with its operands allocated.</summary>
internal sealed class GemmShape
{
    public const int Batch = 4096;
    public const int Dim = 64;
    public const int RowBlock = 64;

    private GemmShape(string name, int m, int n, int k, int aRowStride, int aColStride, bool accumulate)
    {
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

    public float[] A { get; }

    public float[] B { get; }

    public float[] C { get; }

    public double Flops => 2.0 * M * N * K;

    /// <summary>The four shapes of two-tower training with in-batch softmax, plus scoring.</summary>
    public static GemmShape Create(string name) => name switch
    {
        "logits" => new GemmShape(name, RowBlock, Batch, Dim, Dim, 1, false),
        "queryGrad" => new GemmShape(name, RowBlock, Dim, Batch, Batch, 1, false),
        "candidateGrad" => new GemmShape(name, Dim, Batch, RowBlock, 1, Dim, true),
        "scoring" => new GemmShape(name, 1000, 1700, Dim, Dim, 1, false),
        _ => throw new ArgumentException($"Unknown shape '{name}'.", nameof(name)),
    };

    public static string[] Names { get; } = ["logits", "queryGrad", "candidateGrad", "scoring"];

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
