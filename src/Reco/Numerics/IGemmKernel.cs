namespace Reco.Numerics;

/// <summary>
/// A register-blocked micro-kernel computing one <see cref="Rows"/> × <see cref="Columns"/> tile of C.
/// Implemented by structs so the blocking driver is specialised per kernel by the JIT.
/// </summary>
internal unsafe interface IGemmKernel
{
    /// <summary>Rows of C per tile.</summary>
    static abstract int Rows { get; }

    /// <summary>Columns of C per tile.</summary>
    static abstract int Columns { get; }

    /// <summary>
    /// Computes a full tile over <paramref name="k"/> steps, then adds to or overwrites C, skipping the
    /// first <paramref name="skipRows"/> rows and <paramref name="skipColumns"/> columns (already written
    /// by an earlier, overlapping tile at a matrix edge).
    /// </summary>
    static abstract void Tile(
        int k, float* a, nint aRowStride, nint aColStride, float* b, nint ldb, float* c, nint ldc,
        bool accumulate, int skipRows, int skipColumns);
}
