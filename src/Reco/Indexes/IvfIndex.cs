using System.Globalization;
using Reco.Data.Sources.Parquet;

namespace Reco.Indexes;

/// <summary>
/// Inverted-file index: the items are split into k-means lists; a query scores the list centroids, then
/// scans the items of its best <see cref="Probes"/> lists exactly (float32 dot products with the GEMM
/// kernels, the queries of a batch that probe the same list scored together), so every returned score is
/// the item's true dot product and recall depends only on the lists probed.
/// </summary>
public sealed class IvfIndex : IVectorIndex
{
    private const string CentroidsBlob = "centroids.f32";
    private const string OffsetsBlob = "offsets.i32";
    private const string ItemsBlob = IndexBlobs.ItemsBlob;
    private const string IdsBlob = IndexBlobs.IdsBlob;
    private const int CalibrationQueries = 256;

    private readonly SegmentedItems _items;
    private readonly int[] _ids;
    private readonly SegmentedItems _centroids;
    private readonly int[] _centroidIds;
    private readonly int[] _allCentroidSegments;
    private int _probes;

    private IvfIndex(SegmentedItems items, int[] ids, float[] centroids, int probes)
    {
        _items = items;
        _ids = ids;
        int lists = items.SegmentCount;
        _centroids = SegmentedItems.FromRows(centroids, items.Dimension, SegmentedItems.Uniform(lists, SegmentScan.ColumnBlock));
        _centroidIds = Enumerable.Range(0, lists).ToArray();
        _allCentroidSegments = Enumerable.Range(0, _centroids.SegmentCount).ToArray();
        Probes = probes;
    }

    /// <inheritdoc/>
    public VectorIndexKind Kind => VectorIndexKind.Ivf;

    /// <inheritdoc/>
    public int Count => _items.Count;

    /// <inheritdoc/>
    public int Dimension => _items.Dimension;

    /// <summary>Number of lists.</summary>
    public int Lists => _items.SegmentCount;

    /// <summary>Lists scanned per query (1 … <see cref="Lists"/>); more is slower and closer to exact.</summary>
    public int Probes
    {
        get => _probes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _probes = Math.Min(value, Lists);
        }
    }

    /// <inheritdoc/>
    public long MemoryBytes
        => ((long)_items.Data.Length * sizeof(float)) + ((long)_ids.Length * sizeof(int)) + ((long)_centroids.Data.Length * sizeof(float));

    /// <summary>Sizes of the lists, in list order.</summary>
    public IReadOnlyList<int> ListSizes => [.. Enumerable.Range(0, Lists).Select(_items.Length)];

    /// <summary>Builds an IVF index: k-means on a sample, every item assigned to its nearest centroid.</summary>
    /// <param name="items">Item vectors, n × <paramref name="dimension"/>, row-major.</param>
    /// <param name="dimension">Vector length.</param>
    /// <param name="ids">Distinct item ids, one per row; empty for 0 … n-1.</param>
    /// <param name="options">Lists, probes and k-means settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The catalogue is empty, the shapes disagree, a value is not finite, or an id repeats.</exception>
    public static IvfIndex Build(ReadOnlySpan<float> items, int dimension, ReadOnlySpan<int> ids = default, IvfOptions? options = null)
    {
        options ??= new IvfOptions();
        var (idArray, n) = IndexInput.Items(items, dimension, ids);
        int lists = Math.Clamp(options.Lists ?? (int)Math.Round(Math.Sqrt(n)), 1, n);
        var centroids = KMeans.Train(items, dimension, lists, lists * Math.Max(1, options.SamplePerList), Math.Max(0, options.Iterations), options.Seed);
        var assignment = new int[n];
        KMeans.Assign(items, dimension, centroids, lists, assignment);

        // Counting sort of the items by list.
        var start = new int[lists + 1];
        foreach (int list in assignment)
        {
            start[list + 1]++;
        }

        for (int c = 0; c < lists; c++)
        {
            start[c + 1] += start[c];
        }

        var next = start[..^1].ToArray();
        var rows = new float[items.Length];
        var positionToId = new int[n];
        for (int i = 0; i < n; i++)
        {
            int at = next[assignment[i]]++;
            items.Slice(i * dimension, dimension).CopyTo(rows.AsSpan(at * dimension));
            positionToId[at] = idArray[i];
        }

        var index = new IvfIndex(SegmentedItems.FromRows(rows, dimension, start), positionToId, centroids, options.Probes ?? 1);
        if (options.Probes is null)
        {
            index.Probes = index.Calibrate(rows, options.TargetRecall, options.Seed);
        }

        return index;
    }

    /// <inheritdoc/>
    public unsafe void Search(ReadOnlySpan<float> queries, int k, Span<int> ids, Span<float> scores, Span<int> found, SearchOptions? options = null)
    {
        int probes = _probes;
        ScanSearch.Run(this, _items, _ids, (q, count) => PlanProbes(q, count, probes), queries, k, ids, scores, found, options);
    }

    /// <summary>
    /// Recall@10 of this index against exact search on <paramref name="queries"/> at <paramref name="probes"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probes"/> or <paramref name="k"/> is below 1.</exception>
    /// <exception cref="ArgumentException">The queries are not a whole number of vectors of the index's dimension.</exception>
    public double Recall(ReadOnlySpan<float> queries, int probes, int k = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int count = VectorIndexExtensions.QueryCount(this, queries);
        var truth = new int[count * k];
        var truthFound = new int[count];
        ExactSearch(queries, k, truth, truthFound);
        var got = new int[count * k];
        var scores = new float[count * k];
        var gotFound = new int[count];
        unsafe
        {
            ScanSearch.Run(this, _items, _ids, (q, n) => PlanProbes(q, n, Math.Min(probes, Lists)), queries, k, got, scores, gotFound, null);
        }

        long hits = 0, total = 0;
        for (int q = 0; q < count; q++)
        {
            var expected = new HashSet<int>(truth.AsSpan(q * k, truthFound[q]).ToArray());
            total += expected.Count;
            foreach (int id in got.AsSpan(q * k, gotFound[q]))
            {
                hits += expected.Contains(id) ? 1 : 0;
            }
        }

        return total == 0 ? 1 : (double)hits / total;
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, byte[]> Export()
    {
        var offsets = _items.Start;
        var centroids = _centroids.ToRows();
        return IndexBlobs.Pack(
            Kind,
            Count,
            Dimension,
            new Dictionary<string, string>
            {
                ["lists"] = Lists.ToString(CultureInfo.InvariantCulture),
                ["probes"] = _probes.ToString(CultureInfo.InvariantCulture),
            },
            new Dictionary<string, byte[]>
            {
                [CentroidsBlob] = IndexBlobs.Bytes<float>(centroids),
                [OffsetsBlob] = IndexBlobs.Bytes<int>(offsets),
                [ItemsBlob] = IndexBlobs.Bytes<float>(_items.ToRows()),
                [IdsBlob] = IndexBlobs.Bytes<int>(_ids),
            });
    }

    /// <summary>No unmanaged resources; present for <see cref="IVectorIndex"/>.</summary>
    public void Dispose()
    {
    }

    internal static IvfIndex Import(IndexBlobs.IndexManifest manifest)
    {
        int lists = manifest.Parameter("lists");
        int probes = manifest.Parameter("probes");
        if (lists < 1 || lists > manifest.Count || probes < 1)
        {
            throw IndexBlobs.Invalid($"{IndexBlobs.Manifest} records {lists} lists and {probes} probes for {manifest.Count} items");
        }

        var offsets = manifest.Array<int>(OffsetsBlob, lists + 1);
        if (offsets[0] != 0 || offsets[lists] != manifest.Count)
        {
            throw IndexBlobs.Invalid($"blob {OffsetsBlob} does not cover the {manifest.Count} items");
        }

        for (int c = 0; c < lists; c++)
        {
            if (offsets[c + 1] < offsets[c])
            {
                throw IndexBlobs.Invalid($"blob {OffsetsBlob} is not ascending");
            }
        }

        var centroids = manifest.Vectors(CentroidsBlob, lists);
        var rows = manifest.Vectors(ItemsBlob, manifest.Count);
        var ids = manifest.Ids(IdsBlob);
        return new IvfIndex(SegmentedItems.FromRows(rows, manifest.Dimension, offsets), ids, centroids, probes);
    }

    /// <summary>Seconds to answer <paramref name="queries"/> at the current probes and by scanning every list (median of three).</summary>
    internal (double Probed, double Exact) TimeAgainstExact(float[] queries)
    {
        int count = queries.Length / Dimension;
        var ids = new int[count * 10];
        var scores = new float[count * 10];
        var found = new int[count];
        double Median(Action action)
        {
            var times = new double[3];
            for (int r = 0; r < times.Length; r++)
            {
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                action();
                times[r] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
            }

            Array.Sort(times);
            return times[1];
        }

        double probed = Median(() => Search(queries, 10, ids, scores, found));
        double exact = Median(() => ExactSearch(queries, 10, ids, found));
        return (probed, exact);
    }

    private void ExactSearch(ReadOnlySpan<float> queries, int k, int[] ids, int[] found)
    {
        var all = Enumerable.Range(0, Lists).ToArray();
        var scores = new float[ids.Length];
        unsafe
        {
            ScanSearch.Run(this, _items, _ids, (_, _) => (all, null, null), queries, k, ids, scores, found, null);
        }
    }

    /// <summary>Each query's best lists by centroid score, inverted into the queries of each visited list.</summary>
    private unsafe (int[] Segments, int[]? ProbeStart, int[]? ProbeQueries) PlanProbes(float* queries, int count, int probes)
    {
        var parts = SegmentScan.Run(queries, count, _centroids, _allCentroidSegments, null, null, probes, null, _centroidIds);
        var chosen = new int[count * probes];
        var visits = new int[Lists + 1];
        Span<float> ignored = probes <= 256 ? stackalloc float[probes] : new float[probes];
        for (int q = 0; q < count; q++)
        {
            var lists = chosen.AsSpan(q * probes, probes);
            int n = TopKAccumulator.Merge(parts, q, probes, _centroidIds, lists, ignored);
            for (int j = 0; j < n; j++)
            {
                visits[lists[j] + 1]++;
            }
        }

        var visited = new List<int>();
        var probeStart = new List<int> { 0 };
        int total = 0;
        var offset = new int[Lists];
        for (int c = 0; c < Lists; c++)
        {
            if (visits[c + 1] > 0 && _items.Length(c) > 0)
            {
                offset[c] = total;
                visited.Add(c);
                total += visits[c + 1];
                probeStart.Add(total);
            }
        }

        var probeQueries = new int[total];
        var fill = (int[])offset.Clone();
        for (int q = 0; q < count; q++)
        {
            foreach (int c in chosen.AsSpan(q * probes, probes))
            {
                if (c >= 0 && _items.Length(c) > 0)
                {
                    probeQueries[fill[c]++] = q;
                }
            }
        }

        return ([.. visited], [.. probeStart], probeQueries);
    }

    /// <summary>The fewest probes whose recall@10 on user-like sample queries reaches <paramref name="target"/>.</summary>
    private int Calibrate(float[] rows, double target, int seed)
    {
        var queries = SampleQueries(rows, Dimension, seed);
        int low = 0, high = 1;
        while (high < Lists && Recall(queries, high) < target)
        {
            low = high;
            high = Math.Min(Lists, high * 2);
        }

        // Binary search between the last power of two that fell short and the first that reached the target.
        while (high - low > 1)
        {
            int middle = (low + high) / 2;
            if (Recall(queries, middle) >= target)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }

    /// <summary>Sample queries shaped like users: each the sum of three random items' vectors.</summary>
    internal static float[] SampleQueries(ReadOnlySpan<float> rows, int d, int seed, int count = CalibrationQueries)
    {
        var random = new Random(seed + 1);
        int n = rows.Length / d;
        var queries = new float[count * d];
        for (int q = 0; q < count; q++)
        {
            for (int j = 0; j < 3; j++)
            {
                int item = random.Next(n);
                for (int p = 0; p < d; p++)
                {
                    queries[(q * d) + p] += rows[(item * d) + p];
                }
            }
        }

        return queries;
    }
}
