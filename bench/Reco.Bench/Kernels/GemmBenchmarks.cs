using BenchmarkDotNet.Attributes;
using Reco.Numerics;

namespace Reco.Bench.Kernels;

/// <summary>Single-threaded GEMM on the training and scoring shapes (batch 4096, dim 64, row block 64).</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private GemmShape shape = null!;

    /// <summary>Which product to run; see <see cref="GemmShape.Create"/>.</summary>
    [ParamsSource(nameof(ShapeNames))]
    public string Shape { get; set; } = "logits";

    public static IEnumerable<string> ShapeNames => GemmShape.Names;

    [GlobalSetup]
    public void Setup() => shape = GemmShape.Create(Shape);

    [Benchmark]
    public void Multiply()
    {
        var s = shape;
        Gemm.Multiply(s.M, s.N, s.K, s.A, s.ARowStride, s.AColStride, s.B, s.N, s.C, s.N, s.Accumulate);
    }

    [Benchmark]
    public void MultiplyParallel()
    {
        var s = shape;
        Gemm.MultiplyParallel(s.M, s.N, s.K, s.A, s.ARowStride, s.AColStride, s.B, s.N, s.C, s.N, s.Accumulate);
    }
}
