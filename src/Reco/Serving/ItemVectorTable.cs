using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Reco.Models;

namespace Reco.Serving;

/// <summary>
/// A vector model's item vectors as the service needs them besides the index: the embedding part of each
/// item scaled to unit length (cosines for diversity and explanations are then dot products) with its norm,
/// and the folded-in bias coordinates, from which the raw vectors are rebuilt.
/// </summary>
internal sealed class ItemVectorTable
{
    private readonly float[] _unit;
    private readonly float[] _norms;
    private readonly float[] _extras;

    private ItemVectorTable(int count, int dimension, int embedding, float[] unit, float[] norms, float[] extras)
    {
        Count = count;
        Dimension = dimension;
        Embedding = embedding;
        _unit = unit;
        _norms = norms;
        _extras = extras;
    }

    /// <summary>Number of items.</summary>
    public int Count { get; }

    /// <summary>Length of the full (scoring) vectors.</summary>
    public int Dimension { get; }

    /// <summary>Length of the embedding part compared by cosine.</summary>
    public int Embedding { get; }

    /// <summary>Reads the model's item vectors; <paramref name="raw"/> receives them as they are (for building an index).</summary>
    public static ItemVectorTable From(IVectorModel model, int count, out float[] raw)
    {
        int d = model.VectorDimension;
        int e = Math.Clamp(model.EmbeddingDimension, 1, d);
        raw = new float[(long)count * d > Array.MaxLength ? throw new NotSupportedException($"{count:N0} item vectors of {d} values do not fit in memory as one array.") : count * d];
        model.ItemVectors(raw);
        var unit = new float[count * e];
        var norms = new float[count];
        var extras = new float[count * (d - e)];
        for (int i = 0; i < count; i++)
        {
            var row = raw.AsSpan(i * d, d);
            var part = row[..e];
            float norm = TensorPrimitives.Norm(part);
            norms[i] = norm;
            if (norm > 0 && float.IsFinite(norm))
            {
                TensorPrimitives.Divide(part, norm, unit.AsSpan(i * e, e));
            }

            row[e..].CopyTo(extras.AsSpan(i * (d - e), d - e));
        }

        return new ItemVectorTable(count, d, e, unit, norms, extras);
    }

    /// <summary>The cosine of two items' embeddings (0 when either is the zero vector).</summary>
    public float Cosine(int a, int b) => TensorPrimitives.Dot(Unit(a), Unit(b));

    /// <summary>
    /// The cosine of <paramref name="item"/> with each of <paramref name="others"/>: one pass of inline vector
    /// arithmetic per pair instead of a library call each, as explanations compare every recommended item with
    /// every item of a history (hundreds of short vectors a request).
    /// </summary>
    public void CosinesTo(int item, ReadOnlySpan<int> others, Span<float> cosines)
    {
        int e = Embedding;
        ref float target = ref MemoryMarshal.GetArrayDataReference(_unit);
        target = ref Unsafe.Add(ref target, (nint)item * e);
        ref float all = ref MemoryMarshal.GetArrayDataReference(_unit);
        for (int o = 0; o < others.Length; o++)
        {
            ref float row = ref Unsafe.Add(ref all, (nint)others[o] * e);
            var sum = Vector256<float>.Zero;
            int c = 0;
            for (; c <= e - Vector256<float>.Count; c += Vector256<float>.Count)
            {
                sum += Vector256.LoadUnsafe(ref target, (nuint)c) * Vector256.LoadUnsafe(ref row, (nuint)c);
            }

            float dot = Vector256.Sum(sum);
            for (; c < e; c++)
            {
                dot += Unsafe.Add(ref target, c) * Unsafe.Add(ref row, c);
            }

            cosines[o] = dot;
        }
    }

    /// <summary>The unit-length embedding of <paramref name="item"/>.</summary>
    public ReadOnlySpan<float> Unit(int item) => _unit.AsSpan(item * Embedding, Embedding);

    /// <summary>
    /// The query of a new user as the mean of their items' vectors: the mean embedding, and 1 for every
    /// folded-in bias coordinate (the user's side of a bias term).
    /// </summary>
    public void MeanQuery(ReadOnlySpan<int> items, Span<float> query)
    {
        query.Clear();
        var embedding = query[..Embedding];
        foreach (int item in items)
        {
            TensorPrimitives.MultiplyAdd(Unit(item), _norms[item], embedding, embedding);
        }

        if (items.Length > 0)
        {
            TensorPrimitives.Divide(embedding, items.Length, embedding);
        }

        query[Embedding..].Fill(1f);
    }

    /// <summary>Every item's dot product with <paramref name="query"/> (an exact scan without the index).</summary>
    public void ScoreAll(ReadOnlySpan<float> query, Span<float> scores)
    {
        int extra = Dimension - Embedding;
        var embedding = query[..Embedding];
        var tail = query[Embedding..];
        for (int i = 0; i < Count; i++)
        {
            float s = _norms[i] * TensorPrimitives.Dot(embedding, Unit(i));
            if (extra > 0)
            {
                s += TensorPrimitives.Dot(tail, _extras.AsSpan(i * extra, extra));
            }

            scores[i] = s;
        }
    }
}
