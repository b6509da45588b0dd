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
