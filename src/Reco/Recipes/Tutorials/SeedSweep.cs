namespace Reco.Recipes.Tutorials;

/// <summary>
/// A tutorial run once per seed, each seed drawing its own initial weights and shuffles (and its own split
/// where the split is random), with every model's figures summarised across the seeds: mean, standard
/// deviation, lowest and highest.
/// </summary>
/// <remarks>
/// One run's figure depends on which ratings the seed holds out: on MovieLens 100k the basic-ranking RMSE moves
/// by about 0.01 from seed to seed, more than many differences worth reporting. Several seeds show that spread,
/// as TFRS's DCN tutorial reports a mean and a standard deviation over several runs. The standard deviation is
/// the population one (numpy's <c>np.std</c>, which TFRS's tutorials print), as in the DCN recipe's rows.
/// </remarks>
public sealed class SeedSweep
{
    private SeedSweep(IReadOnlyList<int> seeds, IReadOnlyList<TutorialResult> results, IReadOnlyList<SweepRow> rows)
    {
        Seeds = seeds;
        Results = results;
        Rows = rows;
    }

    /// <summary>The seeds, in the order they ran.</summary>
    public IReadOnlyList<int> Seeds { get; }

    /// <summary>Each seed's result, in the order of <see cref="Seeds"/>.</summary>
    public IReadOnlyList<TutorialResult> Results { get; }

    /// <summary>Each model of the tutorial, in the tutorial's order, with its figures across the seeds.</summary>
    public IReadOnlyList<SweepRow> Rows { get; }

    /// <summary>
    /// The headline model's figures across the seeds, keyed as <see cref="TutorialResult.Metrics"/>: each figure's
    /// mean, with a <c>_seed_std</c> companion for its standard deviation across the seeds. A model's own spread
    /// over several runs at one seed (DCN's <c>rmse_std</c>) keeps its key and meaning, averaged over the seeds.
    /// </summary>
    public IReadOnlyDictionary<string, double> Metrics
    {
        get
        {
            var metrics = new Dictionary<string, double>();
            foreach (var figure in Rows[HeadlineRow].Figures)
            {
                metrics[figure.Metric] = figure.Mean;
                if (!IsRunSpread(figure.Metric))
                {
                    metrics[figure.Metric + "_seed_std"] = figure.StandardDeviation;
                }
            }

            return metrics;
        }
    }

    /// <summary>Which of <see cref="Rows"/> is the headline model (the one whose figures each run reports as its result).</summary>
    public int HeadlineRow { get; private init; }

    /// <summary>Runs <paramref name="run"/> at each seed in turn and summarises the figures.</summary>
    /// <param name="seeds">The seeds: at least one, none twice (a seed run twice gives the same figures).</param>
    /// <param name="run">The tutorial at one seed.</param>
    /// <param name="afterEach">Called with each seed's result as soon as it is known (for progress output).</param>
    /// <exception cref="ArgumentException">No seed, a repeated seed, or runs whose models differ.</exception>
    public static SeedSweep Run(IReadOnlyList<int> seeds, Func<int, TutorialResult> run, Action<int, TutorialResult>? afterEach = null)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(run);
        if (seeds.Count == 0)
        {
            throw new ArgumentException("Give at least one seed.", nameof(seeds));
        }

        if (seeds.Distinct().Count() != seeds.Count)
        {
            int repeated = seeds.GroupBy(s => s).First(g => g.Count() > 1).Key;
            throw new ArgumentException($"Seed {repeated} is given twice; the same seed gives the same run, so give each seed once.", nameof(seeds));
        }

        var results = new List<TutorialResult>(seeds.Count);
        foreach (int seed in seeds)
        {
            var result = run(seed) ?? throw new InvalidOperationException($"The tutorial run for seed {seed} returned no result (null).");
            results.Add(result);
            afterEach?.Invoke(seed, result);
        }

        return Summarise(seeds, results);
    }

    /// <summary>Summarises results already computed, one per seed.</summary>
    /// <param name="seeds">The seeds the results were run at.</param>
    /// <param name="results">One result per seed, in the same order.</param>
    /// <exception cref="ArgumentException">The counts differ, or the results' models or figures differ.</exception>
    public static SeedSweep Summarise(IReadOnlyList<int> seeds, IReadOnlyList<TutorialResult> results)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentNullException.ThrowIfNull(results);
        if (seeds.Count != results.Count || results.Count == 0)
        {
            throw new ArgumentException("One result per seed is needed, and at least one.", nameof(results));
        }

        var first = results[0];
        if (first.Rows.Count == 0)
        {
            throw new ArgumentException("The tutorial's runs trained no model.", nameof(results));
        }

        foreach (var result in results)
        {
            if (result.Tutorial != first.Tutorial || !result.Rows.Select(r => r.Name).SequenceEqual(first.Rows.Select(r => r.Name)))
            {
                throw new ArgumentException("Every seed's run must train the same models.", nameof(results));
            }
        }

        var rows = new List<SweepRow>(first.Rows.Count);
        for (int r = 0; r < first.Rows.Count; r++)
        {
            var figures = first.Rows[r].Metrics.Keys
                .Select(key => SweepFigure.Of(key, [.. results.Select(result => Figure(result.Rows[r], key))]))
                .ToArray();
            rows.Add(new SweepRow(first.Rows[r].Name, figures));
        }

        return new SeedSweep([.. seeds], [.. results], rows) { HeadlineRow = Headline(first) };
    }

    /// <summary>Whether a figure is a model's spread over several runs at one seed (<c>rmse_std</c>), not a figure of its own.</summary>
    public static bool IsRunSpread(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.EndsWith("_std", StringComparison.Ordinal);
    }

    /// <summary>The model whose figures the result reports as its own.</summary>
    private static int Headline(TutorialResult result)
    {
        for (int r = 0; r < result.Rows.Count; r++)
        {
            var metrics = result.Rows[r].Metrics;
            if (ReferenceEquals(metrics, result.Metrics)
                || (metrics.Count == result.Metrics.Count && metrics.All(m => result.Metrics.TryGetValue(m.Key, out double v) && v.Equals(m.Value))))
            {
                return r;
            }
        }

        throw new ArgumentException($"The {result.Tutorial} result's figures are none of its models' figures, so it has no headline model.", nameof(result));
    }

    private static double Figure(TutorialRow row, string key) =>
        row.Metrics.TryGetValue(key, out double value)
            ? value
            : throw new ArgumentException($"The model '{row.Name}' has no figure '{key}' in every seed's run.");
}

/// <summary>One model of a tutorial across seeds.</summary>
/// <param name="Name">The model, as the tutorial names it.</param>
/// <param name="Figures">Each of its figures across the seeds.</param>
public sealed record SweepRow(string Name, IReadOnlyList<SweepFigure> Figures);

/// <summary>One figure across seeds.</summary>
/// <param name="Metric">Its key (<c>rmse</c>, <c>factorized_top_k@100</c>, …).</param>
/// <param name="Values">Its value at each seed, in the seeds' order.</param>
/// <param name="Mean">The mean of the finite values (NaN when there is none).</param>
/// <param name="StandardDeviation">The population standard deviation of the finite values.</param>
/// <param name="Min">The lowest finite value.</param>
/// <param name="Max">The highest finite value.</param>
/// <param name="NotFinite">How many seeds gave no finite value (a diverged run); they are left out of the summary, not hidden.</param>
public sealed record SweepFigure(string Metric, IReadOnlyList<double> Values, double Mean, double StandardDeviation, double Min, double Max, int NotFinite)
{
    /// <summary>Summarises one figure's values.</summary>
    public static SweepFigure Of(string metric, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A figure across seeds needs at least one value.", nameof(values));
        }

        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return new SweepFigure(metric, values, double.NaN, double.NaN, double.NaN, double.NaN, values.Count);
        }

        double mean = finite.Average();
        double variance = finite.Sum(v => (v - mean) * (v - mean)) / finite.Length;
        return new SweepFigure(metric, values, mean, Math.Sqrt(variance), finite.Min(), finite.Max(), values.Count - finite.Length);
    }
}
