using System.Buffers;
using System.Globalization;
using Reco.Indexes;
using Reco.Models;
using Reco.Numerics;
using Reco.Serialization;

namespace Reco.Serving;

/// <summary>
/// What a vector model is served with: its item vectors in an <see cref="IVectorIndex"/>, the same vectors
/// normalised for cosines, and (when they fit in a modest array) every training user's vector, so that a
/// request costs one index search and no per-item scoring.
/// </summary>
internal sealed class VectorServing : IDisposable
{
    /// <summary>User vectors are copied out of the model up front when they take at most this many floats (64 MB).</summary>
    private const long CachedUserFloats = 16L << 20;

    private readonly float[]? _users;

    /// <summary>Serves <paramref name="model"/> with <paramref name="saved"/> when it is given, else with an index built here.</summary>
    /// <exception cref="InvalidDataException"><paramref name="saved"/> does not hold the model's item vectors.</exception>
    public VectorServing(IVectorModel model, int userCount, int itemCount, ServingOptions options, SavedIndex? saved = null)
    {
        Model = model;
        Dimension = model.VectorDimension;
        Table = ItemVectorTable.From(model, itemCount, out var raw);
        var indexOptions = options.IndexOptions ?? new VectorIndexOptions();
        if (saved is not null)
        {
            Index = saved.Import(model, raw, out bool identical);
            LoadedFromSave = true;
            string settings = string.Join(", ", saved.Settings.Where(s => s.Key is not "layout").Select(s => $"{s.Key} {s.Value}"));
            Reason = string.Create(
                CultureInfo.InvariantCulture,
                $"loaded the saved {saved.KindName} index ({itemCount:N0} items{(settings.Length > 0 ? ", " + settings : "")}; its item vectors {(identical ? "are the model's" : "equal the model's to rounding")}; saved as {saved.Choice})");
        }
        else if (string.Equals(options.Index, "auto", StringComparison.OrdinalIgnoreCase))
        {
            var selection = VectorIndexSelector.Build(raw, Dimension, default, indexOptions);
            Index = selection.Index;
            Reason = $"built the {Index.Kind.ToString().ToLowerInvariant()} index ({selection.Reason})";
        }
        else
        {
            Index = VectorIndex.Build(options.Index, raw, Dimension, default, indexOptions);
            Reason = string.Create(CultureInfo.InvariantCulture, $"built the {Index.Kind.ToString().ToLowerInvariant()} index (chosen by the index setting, {itemCount:N0} items)");
        }

        if ((long)userCount * Dimension <= CachedUserFloats)
        {
            _users = new float[userCount * Dimension];
            for (int u = 0; u < userCount; u++)
            {
                model.UserVector(u, _users.AsSpan(u * Dimension, Dimension));
            }
        }
    }

    public IVectorModel Model { get; }

    public int Dimension { get; }

    public IVectorIndex Index { get; }

    /// <summary>True when the index is the one saved with the model rather than built at load.</summary>
    public bool LoadedFromSave { get; }

    /// <summary>Whether the index was loaded or built, and why it is this kind (the auto rule's figures, or the setting).</summary>
    public string Reason { get; }

    public ItemVectorTable Table { get; }

    /// <summary>Writes a training user's query vector.</summary>
    public void UserVector(int user, Span<float> vector)
    {
        if (_users is not null)
        {
            _users.AsSpan(user * Dimension, Dimension).CopyTo(vector);
        }
        else
        {
            Model.UserVector(user, vector);
        }
    }

    /// <summary>
    /// The best <paramref name="wanted"/> items for <paramref name="query"/> under the restrictions, through the
    /// index. An approximate index may find fewer than exist (a selective filter, many exclusions); the answer
    /// is then completed by an exact scan, so that restrictions never cost results.
    /// </summary>
    public int Search(ReadOnlySpan<float> query, int wanted, SearchOptions? options, Func<int, bool>? excluded, Span<int> ids, Span<float> scores)
    {
        Span<int> found = stackalloc int[1];
        Index.Search(query, wanted, ids, scores, found, options);
        int count = found[0];
        if (count >= wanted || Index.Kind == VectorIndexKind.Exact)
        {
            return count;
        }

        var all = ArrayPool<float>.Shared.Rent(Table.Count);
        var best = ArrayPool<int>.Shared.Rent(wanted);
        try
        {
            var allScores = all.AsSpan(0, Table.Count);
            Table.ScoreAll(query, allScores);
            count = TopK.Select(allScores, best.AsSpan(0, wanted), excluded);
            for (int r = 0; r < count; r++)
            {
                ids[r] = best[r];
                scores[r] = allScores[best[r]];
            }

            return count;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(all);
            ArrayPool<int>.Shared.Return(best);
        }
    }

    public void Dispose() => Index.Dispose();
}
