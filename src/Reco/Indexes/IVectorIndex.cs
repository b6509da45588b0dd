namespace Reco.Indexes;

/// <summary>
/// A top-k inner-product index over a catalogue of item vectors: given query vectors, returns for each the
/// items with the largest dot products, best first. Built once from an n × d matrix; immutable afterwards,
/// so any number of threads may search it at once.
/// </summary>
public interface IVectorIndex : IDisposable
{
    /// <summary>How the index searches.</summary>
    VectorIndexKind Kind { get; }

    /// <summary>Number of indexed items.</summary>
    int Count { get; }

    /// <summary>Length of every item and query vector.</summary>
    int Dimension { get; }

    /// <summary>Approximate bytes the index holds in memory (item vectors, lists or graph).</summary>
    long MemoryBytes { get; }

    /// <summary>
    /// Finds the <paramref name="k"/> best items for each of the queries in <paramref name="queries"/>
    /// (row-major, <see cref="Dimension"/> floats a query). Row q of the answer is
    /// <c>ids[q*k .. q*k+k)</c> and <c>scores[q*k .. q*k+k)</c>, best first (descending dot product);
    /// <c>found[q]</c> says how many of its slots were filled (fewer than k when the catalogue, after
    /// exclusions and the filter, holds fewer eligible items, or an approximate index found fewer).
    /// Unfilled slots hold id -1 and score NaN. Items whose score is NaN are never returned.
    /// </summary>
    /// <param name="queries">Query vectors, row-major; the length must be a multiple of <see cref="Dimension"/>.</param>
    /// <param name="k">Results wanted per query, at least 1.</param>
    /// <param name="ids">Receives item ids; at least queries × k long.</param>
    /// <param name="scores">Receives the dot products; at least queries × k long.</param>
    /// <param name="found">Receives the number of results per query; at least one per query.</param>
    /// <param name="options">Exclusions and a candidate filter, or <see langword="null"/>.</param>
    void Search(ReadOnlySpan<float> queries, int k, Span<int> ids, Span<float> scores, Span<int> found, SearchOptions? options = null);

    /// <summary>
    /// The index as named byte blobs (see <see cref="VectorIndex.Import"/>): a small JSON manifest
    /// <c>index.json</c> that records the kind, shape and SHA-256 of every other blob, plus the data blobs.
    /// </summary>
    IReadOnlyDictionary<string, byte[]> Export();
}
