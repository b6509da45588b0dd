namespace Reco.Numerics;

/// <summary>Instruction-set path used by <see cref="Gemm"/>; exposed internally so tests can exercise each one.</summary>
internal enum GemmPath
{
    /// <summary>512-bit micro-kernel (AVX-512F).</summary>
    Avx512,

    /// <summary>256-bit micro-kernel (AVX2 + FMA).</summary>
    Avx2,

    /// <summary><see cref="System.Numerics.Vector{T}"/> micro-kernel that runs on any hardware.</summary>
    Portable,
}

/// <summary>Which blocking driver runs a product; tests and benchmarks force one, everything else uses <see cref="Auto"/>.</summary>
internal enum GemmDriverChoice
{
    /// <summary>Chosen by shape.</summary>
    Auto,

    /// <summary>Tiles read A and B in place (small products).</summary>
    Direct,

    /// <summary>A and B copied into micro-panels first (large products).</summary>
    Packed,

    /// <summary>Packed, with the row blocks spread over the threads.</summary>
    PackedParallel,
}
