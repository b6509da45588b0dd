using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Reco.Data.Sources.Parquet;

namespace Reco.Indexes;

/// <summary>
/// Approximate top-k by inner product on a USearch HNSW graph (native library from the Cloud.Unum.USearch
/// package), by default on the inner-product metric (<see cref="HnswMetric"/> lists the maximum-inner-product
/// → nearest-neighbour reductions also offered). Returned scores are recomputed exactly from the stored float32
/// item vectors, so they are true dot products.
/// </summary>
public sealed unsafe class HnswIndex : IVectorIndex
{
    private const string ItemsBlob = IndexBlobs.ItemsBlob;
    private const string IdsBlob = IndexBlobs.IdsBlob;
    private const string GraphBlob = "graph.usearch";

    private readonly float[] _rows;
    private readonly int[] _ids;
    private readonly HnswMetric _metric;
    private readonly float _norm;
    private readonly int _graphDimension;
    private readonly SemaphoreSlim _contexts;
    private readonly int _contextCount;
    private nint _native;
    private int _expansion;

    private HnswIndex(float[] rows, int[] ids, int dimension, HnswMetric metric, float norm, int connectivity, int expansionAdd, int expansion)
    {
        _rows = rows;
        _ids = ids;
        Dimension = dimension;
        _metric = metric;
        _norm = norm;
        Connectivity = connectivity;
        ExpansionAdd = expansionAdd;
        _graphDimension = metric == HnswMetric.InnerProduct ? dimension : dimension + 1;

        // USearch keeps one search context per concurrent caller; callers beyond that wait here.
        _contextCount = Math.Max(4, 2 * Environment.ProcessorCount);
        _contexts = new SemaphoreSlim(_contextCount, _contextCount);
        var options = new USearchNative.InitOptions
        {
            Metric = metric switch
            {
                HnswMetric.ReducedCosine => USearchNative.MetricKind.Cosine,
                HnswMetric.InnerProduct => USearchNative.MetricKind.InnerProduct,
                _ => USearchNative.MetricKind.SquaredL2,
            },
            Quantization = USearchNative.Float32,
            Dimensions = (nuint)_graphDimension,
            Connectivity = (nuint)connectivity,
            ExpansionAdd = (nuint)expansionAdd,
            ExpansionSearch = (nuint)expansion,
        };
        nint error = 0;
        _native = USearchNative.Init(&options, &error);
        USearchNative.Check(error, "create an index");
        if (_native == 0)
        {
            throw new InvalidOperationException("USearch could not create an index.");
        }

        Expansion = expansion;
    }

    /// <summary>Whether USearch's native library loads on this machine (see <see cref="UnavailableReason"/>).</summary>
    public static bool IsAvailable => USearchNative.Unavailable is null;

    /// <summary>Why the native library cannot be used here, or <see langword="null"/> when it can.</summary>
    public static string? UnavailableReason => USearchNative.Unavailable;

    /// <inheritdoc/>
    public VectorIndexKind Kind => VectorIndexKind.Hnsw;

    /// <inheritdoc/>
    public int Count => _ids.Length;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>The graph metric.</summary>
    public HnswMetric Metric => _metric;

    /// <summary>Neighbours per node.</summary>
    public int Connectivity { get; }

    /// <summary>Candidate list length used while building.</summary>
    public int ExpansionAdd { get; }

    /// <summary>Candidate list length while searching (ef, at least k is used); larger is slower and closer to exact.</summary>
    public int Expansion
    {
        get => _expansion;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            nint error = 0;
            USearchNative.ChangeExpansionSearch(Handle, (nuint)value, &error);
            USearchNative.Check(error, "change the search expansion");
            _expansion = value;
        }
    }

    /// <summary>SIMD kernels USearch chose on this CPU (for example <c>skylake</c>, <c>sapphire</c>).</summary>
    public string HardwareAcceleration
    {
        get
        {
            nint error = 0;
            return Marshal.PtrToStringUTF8(USearchNative.HardwareAcceleration(Handle, &error)) ?? "";
        }
    }

    /// <inheritdoc/>
    public long MemoryBytes
    {
        get
        {
            nint error = 0;
            return (long)USearchNative.MemoryUsage(Handle, &error) + ((long)_rows.Length * sizeof(float)) + ((long)_ids.Length * sizeof(int));
        }
    }

    private nint Handle => _native != 0 ? _native : throw new ObjectDisposedException(nameof(HnswIndex));

    /// <summary>Builds the graph, inserting items from all cores.</summary>
    /// <param name="items">Item vectors, n × <paramref name="dimension"/>, row-major.</param>
    /// <param name="dimension">Vector length.</param>
    /// <param name="ids">Distinct item ids, one per row; empty for 0 … n-1.</param>
    /// <param name="options">Graph settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="NotSupportedException">USearch's native library cannot be loaded on this machine.</exception>
    /// <exception cref="ArgumentException">The catalogue is empty, the shapes disagree, a value is not finite, or an id repeats.</exception>
    public static HnswIndex Build(ReadOnlySpan<float> items, int dimension, ReadOnlySpan<int> ids = default, HnswOptions? options = null)
    {
        RequireNative();
        options ??= new HnswOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Connectivity, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ExpansionAdd, 1);
        var (idArray, n) = IndexInput.Items(items, dimension, ids);
        var rows = items.ToArray();
        float norm = 0;
        for (int i = 0; i < n; i++)
        {
            norm = Math.Max(norm, TensorPrimitives.Norm(rows.AsSpan(i * dimension, dimension)));
        }

        var index = new HnswIndex(rows, idArray, dimension, options.Metric, norm, options.Connectivity, options.ExpansionAdd, options.Expansion);
        try
        {
            index.Insert(n);
        }
        catch
        {
            index.Dispose();
            throw;
        }

        return index;
    }

    /// <inheritdoc/>
    public void Search(ReadOnlySpan<float> queries, int k, Span<int> ids, Span<float> scores, Span<int> found, SearchOptions? options = null)
    {
        int count = IndexInput.Search(this, queries, k, ids, scores, found);
        var restrictions = QueryRestrictions.Resolve(options, 0, count);
        fixed (float* q = queries)
        fixed (int* idOut = ids)
        fixed (float* scoreOut = scores)
        fixed (int* foundOut = found)
        {
            nint qp = (nint)q, ip = (nint)idOut, sp = (nint)scoreOut, fp = (nint)foundOut;
            if (count == 1)
            {
                SearchOne((float*)qp, 0, k, (int*)ip, (float*)sp, (int*)fp, restrictions);
                return;
            }

            Parallel.For(0, count, r =>
                SearchOne((float*)qp + ((nint)r * Dimension), r, k, (int*)ip + ((nint)r * k), (float*)sp + ((nint)r * k), (int*)fp + r, restrictions));
        }
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, byte[]> Export()
    {
        nint error = 0;
        nuint length = USearchNative.SerializedLength(Handle, &error);
        USearchNative.Check(error, "measure the graph");
        var graph = new byte[(long)length];
        fixed (byte* g = graph)
        {
            USearchNative.SaveBuffer(Handle, g, length, &error);
        }

        USearchNative.Check(error, "save the graph");
        return IndexBlobs.Pack(
            Kind,
            Count,
            Dimension,
            new Dictionary<string, string>
            {
                ["metric"] = _metric.ToString(),
                ["norm"] = _norm.ToString("R", CultureInfo.InvariantCulture),
                ["connectivity"] = Connectivity.ToString(CultureInfo.InvariantCulture),
                ["expansion_add"] = ExpansionAdd.ToString(CultureInfo.InvariantCulture),
                ["expansion"] = _expansion.ToString(CultureInfo.InvariantCulture),
            },
            new Dictionary<string, byte[]>
            {
                [ItemsBlob] = IndexBlobs.Bytes<float>(_rows),
                [IdsBlob] = IndexBlobs.Bytes<int>(_ids),
                [GraphBlob] = graph,
            });
    }

    /// <summary>Frees the native graph.</summary>
    public void Dispose()
    {
        nint native = Interlocked.Exchange(ref _native, 0);
        if (native != 0)
        {
            nint error = 0;
            USearchNative.Free(native, &error);
        }
    }

    internal static HnswIndex Import(IndexBlobs.IndexManifest manifest)
    {
        RequireNative();
        if (!Enum.TryParse<HnswMetric>(manifest.Text("metric"), out var metric) || !Enum.IsDefined(metric))
        {
            throw IndexBlobs.Invalid($"{IndexBlobs.Manifest} names an unknown HNSW metric");
        }

        if (!float.TryParse(manifest.Text("norm"), NumberStyles.Float, CultureInfo.InvariantCulture, out float norm) || !float.IsFinite(norm) || norm < 0)
        {
            throw IndexBlobs.Invalid($"{IndexBlobs.Manifest} has no valid norm");
        }

        int connectivity = manifest.Parameter("connectivity");
        int expansionAdd = manifest.Parameter("expansion_add");
        int expansion = manifest.Parameter("expansion");
        if (connectivity < 2 || expansionAdd < 1 || expansion < 1)
        {
            throw IndexBlobs.Invalid($"{IndexBlobs.Manifest} has invalid graph settings");
        }

        var rows = manifest.Vectors(ItemsBlob, manifest.Count);
        var ids = manifest.Ids(IdsBlob);
        var graph = manifest.Raw(GraphBlob);
        var index = new HnswIndex(rows, ids, manifest.Dimension, metric, norm, connectivity, expansionAdd, expansion);
        try
        {
            nint error = 0;
            fixed (byte* g = graph)
            {
                USearchNative.LoadBuffer(index.Handle, g, (nuint)graph.Length, &error);
            }

            if (error != 0)
            {
                throw IndexBlobs.Invalid($"blob {GraphBlob} is not a USearch graph USearch can read ({Marshal.PtrToStringUTF8(error)})");
            }

            if ((int)USearchNative.Size(index.Handle, &error) != manifest.Count || (int)USearchNative.Dimensions(index.Handle, &error) != index._graphDimension)
            {
                throw IndexBlobs.Invalid($"blob {GraphBlob} does not hold {manifest.Count} vectors of dimension {index._graphDimension}");
            }

            index.SetThreads();
            index.Expansion = expansion;
            return index;
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    private static void RequireNative()
    {
        if (USearchNative.Unavailable is { } reason)
        {
            throw new NotSupportedException(
                $"The HNSW index needs USearch's native library (libusearch_c from the Cloud.Unum.USearch package), which cannot be loaded here: {reason}. Use the exact or ivf index instead.");
        }
    }

    [UnmanagedCallersOnly]
    private static int Allowed(ulong key, void* state)
    {
        var context = (FilterContext)GCHandle.FromIntPtr((nint)state).Target!;
        try
        {
            return context.Restrictions.Allows(context.Query, context.Ids[(int)key]) ? 1 : 0;
        }
        catch (Exception e)
        {
            // An exception must not unwind through native frames; it is rethrown after the search.
            context.Failure ??= e;
            return 0;
        }
    }

    private void SetThreads()
    {
        nint error = 0;
        USearchNative.ChangeThreadsAdd(Handle, (nuint)Environment.ProcessorCount, &error);
        USearchNative.Check(error, "set its insertion threads");
        USearchNative.ChangeThreadsSearch(Handle, (nuint)_contextCount, &error);
        USearchNative.Check(error, "set its search threads");
    }

    private void Insert(int n)
    {
        nint error = 0;
        USearchNative.Reserve(Handle, (nuint)n, &error);
        USearchNative.Check(error, $"reserve room for {n} items");
        SetThreads();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Exception? failure = null;
        Parallel.For(0, n, options, () => new float[_graphDimension], (i, state, vector) =>
        {
            GraphVector(_rows.AsSpan(i * Dimension, Dimension), vector, item: true);
            nint e = 0;
            fixed (float* v = vector)
            {
                USearchNative.Add(_native, (ulong)i, v, USearchNative.Float32, &e);
            }

            if (e != 0)
            {
                failure ??= new InvalidOperationException($"USearch could not add item {i}: {Marshal.PtrToStringUTF8(e)}.");
                state.Stop();
            }

            return vector;
        }, _ => { });
        if (failure is not null)
        {
            throw failure;
        }
    }

    /// <summary>The vector the graph stores for an item, or searches with for a query.</summary>
    private void GraphVector(ReadOnlySpan<float> source, Span<float> target, bool item)
    {
        source.CopyTo(target);
        if (_metric != HnswMetric.InnerProduct)
        {
            float rest = item ? (_norm * _norm) - TensorPrimitives.Dot(source, source) : 0;
            target[Dimension] = item ? MathF.Sqrt(Math.Max(0, rest)) : 0;
        }
    }

    [SkipLocalsInit]
    private void SearchOne(float* query, int row, int k, int* ids, float* scores, int* found, QueryRestrictions? restrictions)
    {
        int want = Math.Min(k, Count);
        Span<float> vector = stackalloc float[_graphDimension];
        var keys = want <= 256 ? stackalloc ulong[want] : new ulong[want];
        var distances = want <= 256 ? stackalloc float[want] : new float[want];
        GraphVector(new ReadOnlySpan<float>(query, Dimension), vector, item: false);
        int n;
        _contexts.Wait();
        try
        {
            nint error = 0;
            fixed (float* v = vector)
            fixed (ulong* kp = keys)
            fixed (float* dp = distances)
            {
                if (restrictions is null)
                {
                    n = (int)USearchNative.Search(Handle, v, USearchNative.Float32, (nuint)want, kp, dp, &error);
                }
                else
                {
                    var context = new FilterContext(restrictions, row, _ids);
                    var handle = GCHandle.Alloc(context);
                    try
                    {
                        n = (int)USearchNative.FilteredSearch(Handle, v, USearchNative.Float32, (nuint)want, &Allowed, (void*)GCHandle.ToIntPtr(handle), kp, dp, &error);
                    }
                    finally
                    {
                        handle.Free();
                    }

                    if (context.Failure is not null)
                    {
                        throw new InvalidOperationException("A search restriction failed.", context.Failure);
                    }
                }
            }

            USearchNative.Check(error, "search");
        }
        finally
        {
            _contexts.Release();
        }

        // Exact dot products from the stored vectors, best first (ties to the lower position).
        var q = new ReadOnlySpan<float>(query, Dimension);
        var positions = new int[n];
        var exact = new float[n];
        for (int j = 0; j < n; j++)
        {
            positions[j] = (int)keys[j];
            exact[j] = TensorPrimitives.Dot(q, _rows.AsSpan(positions[j] * Dimension, Dimension));
        }

        var order = Enumerable.Range(0, n).Where(j => !float.IsNaN(exact[j])).OrderByDescending(j => exact[j]).ThenBy(j => positions[j]).ToArray();
        for (int j = 0; j < order.Length; j++)
        {
            ids[j] = _ids[positions[order[j]]];
            scores[j] = exact[order[j]];
        }

        for (int j = order.Length; j < k; j++)
        {
            ids[j] = -1;
            scores[j] = float.NaN;
        }

        *found = order.Length;
    }

    private sealed class FilterContext(QueryRestrictions restrictions, int query, int[] ids)
    {
        public QueryRestrictions Restrictions { get; } = restrictions;

        public int Query { get; } = query;

        public int[] Ids { get; } = ids;

        public Exception? Failure { get; set; }
    }
}
