using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reco.Indexes;

/// <summary>
/// Ties an exported index to the item vectors it was built from: a fingerprint of a catalogue's vectors,
/// and an import that first checks that the index holds exactly those vectors under the ids 0 … n-1, so
/// that an index saved beside one model is never used with another.
/// </summary>
public static class IndexedVectors
{
    /// <summary>
    /// Relative difference per coordinate below which a stored vector counts as the same as the model's:
    /// a model that recomputes its item vectors (a tower of dense layers) on a CPU whose kernels round
    /// differently gets the same vectors to within a few units in the last place, not bit for bit.
    /// </summary>
    public const float Tolerance = 1e-4f;

    /// <summary>The SHA-256 of the vectors' bytes (float32, little-endian, row-major), as lower-case hex.</summary>
    public static string Fingerprint(ReadOnlySpan<float> items) => Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(items)));

    /// <summary>
    /// The blobs of an exported index with its manifest recording <paramref name="fingerprint"/>, the
    /// <see cref="Fingerprint"/> of the item vectors it was built from, so that the index carries the identity
    /// of its source wherever its blobs go.
    /// </summary>
    /// <exception cref="InvalidDataException">The blobs are not an exported index.</exception>
    public static IReadOnlyDictionary<string, byte[]> Record(IReadOnlyDictionary<string, byte[]> blobs, string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentException.ThrowIfNullOrWhiteSpace(fingerprint);
        var manifest = blobs.TryGetValue(IndexBlobs.Manifest, out var bytes) && JsonNode.Parse(bytes) is JsonObject root
            ? root
            : throw IndexBlobs.Invalid($"there is no {IndexBlobs.Manifest}");
        manifest[IndexBlobs.SourceField] = fingerprint;
        return new Dictionary<string, byte[]>(blobs, StringComparer.Ordinal)
        {
            [IndexBlobs.Manifest] = JsonSerializer.SerializeToUtf8Bytes(manifest, new JsonSerializerOptions { WriteIndented = true }),
        };
    }

    /// <summary>
    /// Recreates an index from the blobs of <see cref="IVectorIndex.Export"/> after checking every blob
    /// (as <see cref="VectorIndex.Import"/> does) and that its items are <paramref name="items"/>: the same
    /// count and dimension, ids 0 … n-1, and each stored vector equal to row id of <paramref name="items"/>
    /// (to within <see cref="Tolerance"/>). When the index records the fingerprint of its source
    /// (<see cref="Record"/>) and it is not the fingerprint of <paramref name="items"/>, the refusal says so.
    /// </summary>
    /// <param name="blobs">The exported index.</param>
    /// <param name="items">The item vectors it must hold, n × <paramref name="dimension"/>, row-major; item i has id i.</param>
    /// <param name="dimension">Vector length.</param>
    /// <exception cref="InvalidDataException">A blob is missing, truncated or altered, or the index holds other vectors.</exception>
    public static CheckedIndex Import(IReadOnlyDictionary<string, byte[]> blobs, ReadOnlySpan<float> items, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var manifest = IndexBlobs.Read(blobs);
        int count = items.Length / dimension;
        if (manifest.Count != count || manifest.Dimension != dimension)
        {
            throw IndexBlobs.Invalid(string.Create(
                CultureInfo.InvariantCulture,
                $"it holds {manifest.Count} items of dimension {manifest.Dimension}, but the model has {count} of dimension {dimension}"));
        }

        string fingerprint = Fingerprint(items);
        if (Mismatch(manifest, items, dimension) is { } difference)
        {
            throw IndexBlobs.Invalid(manifest.Source is { } recorded && recorded != fingerprint
                ? $"it was built from other item vectors (SHA-256 {Short(recorded)}, not {Short(fingerprint)}; {difference})"
                : $"it was built from other item vectors ({difference})");
        }

        return new CheckedIndex(VectorIndex.FromManifest(manifest), fingerprint, manifest.Source);
    }

    private static string Short(string fingerprint) => fingerprint.Length > 12 ? fingerprint[..12] + "…" : fingerprint;

    /// <summary>Where the index's stored rows (in position order, with their ids) first differ from <paramref name="items"/>, or null.</summary>
    private static string? Mismatch(IndexBlobs.IndexManifest manifest, ReadOnlySpan<float> items, int d)
    {
        var rows = MemoryMarshal.Cast<byte, float>(manifest.Raw(IndexBlobs.ItemsBlob).AsSpan());
        var ids = MemoryMarshal.Cast<byte, int>(manifest.Raw(IndexBlobs.IdsBlob).AsSpan());
        int n = manifest.Count;
        if (rows.Length != items.Length || ids.Length != n)
        {
            throw IndexBlobs.Invalid($"its blobs {IndexBlobs.ItemsBlob} and {IndexBlobs.IdsBlob} do not hold {n} items");
        }

        var seen = new bool[n];
        for (int p = 0; p < n; p++)
        {
            int id = ids[p];
            if ((uint)id >= (uint)n || seen[id])
            {
                throw IndexBlobs.Invalid($"its item ids are not the model's items 0 … {n - 1}");
            }

            seen[id] = true;
            var stored = rows.Slice(p * d, d);
            var expected = items.Slice(id * d, d);
            if (stored.SequenceEqual(expected))
            {
                continue;
            }

            for (int c = 0; c < d; c++)
            {
                if (!(Math.Abs(stored[c] - expected[c]) <= Tolerance * (1 + Math.Abs(expected[c]))))
                {
                    return string.Create(CultureInfo.InvariantCulture, $"item {id} holds {stored[c]:G6} at coordinate {c} where the model has {expected[c]:G6}");
                }
            }
        }

        return null;
    }
}

/// <summary>An index imported by <see cref="IndexedVectors.Import"/> after its vectors were checked.</summary>
/// <param name="Index">The index.</param>
/// <param name="ItemVectorsSha256">The fingerprint of the item vectors it was checked against.</param>
/// <param name="RecordedSha256">The fingerprint its manifest records for the vectors it was built from, if any.</param>
public sealed record CheckedIndex(IVectorIndex Index, string ItemVectorsSha256, string? RecordedSha256)
{
    /// <summary>True when the recorded fingerprint is that of the vectors checked: they are the same bit for bit.</summary>
    public bool Identical => RecordedSha256 == ItemVectorsSha256;
}
