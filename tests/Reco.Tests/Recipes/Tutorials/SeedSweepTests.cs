using Reco.Recipes.Tutorials;

namespace Reco.Tests.Recipes.Tutorials;

public class SeedSweepTests
{
    [Fact]
    public void SummarisesEachModelsFiguresAcrossTheSeedsInOrder()
    {
        // rmse at the three seeds: 1, 2 and 4 for the headline model; mean 7/3, population variance 14/9.
        var values = new Dictionary<int, (double Rmse, double Other)> { [42] = (1, 10), [1] = (2, 20), [2] = (4, 60) };
        var seen = new List<int>();
        var sweep = SeedSweep.Run([42, 1, 2], seed => Result(values[seed].Rmse, values[seed].Other), (seed, result) =>
        {
            seen.Add(seed);
            Assert.Equal(values[seed].Rmse, result.Metrics["rmse"]);
        });

        Assert.Equal([42, 1, 2], seen);
        Assert.Equal([42, 1, 2], sweep.Seeds);
        Assert.Equal(["first", "second"], sweep.Rows.Select(r => r.Name));
        Assert.Equal(1, sweep.HeadlineRow);
        var rmse = sweep.Rows[1].Figures.Single(f => f.Metric == "rmse");
        Assert.Equal([1.0, 2.0, 4.0], rmse.Values);
        Assert.Equal(7.0 / 3, rmse.Mean, 12);
        Assert.Equal(Math.Sqrt(14.0 / 9), rmse.StandardDeviation, 12);
        Assert.Equal(1, rmse.Min);
        Assert.Equal(4, rmse.Max);
        Assert.Equal(0, rmse.NotFinite);

        // The headline means come with their spread across seeds; a row's own spread over runs (0.1, 0.2, 0.6
        // at the three seeds) keeps its key and meaning, averaged over the seeds.
        Assert.Equal(7.0 / 3, sweep.Metrics["rmse"], 12);
        Assert.Equal(Math.Sqrt(14.0 / 9), sweep.Metrics["rmse_seed_std"], 12);
        Assert.Equal(0.3, sweep.Metrics["rmse_std"], 12);
        Assert.Equal(["rmse", "rmse_seed_std", "rmse_std"], sweep.Metrics.Keys.Order());
        Assert.Equal(30, sweep.Rows[0].Figures.Single(f => f.Metric == "ndcg@5").Mean, 12);
    }

    [Fact]
    public void FindsTheHeadlineModelByItsFiguresAndRefusesAResultWithoutOne()
    {
        var copy = Result(2, 5) with { Metrics = new Dictionary<string, double> { ["rmse"] = 2, ["rmse_std"] = 0.2 } };
        Assert.Equal(1, SeedSweep.Summarise([1], [copy]).HeadlineRow);

        var none = Result(2, 5) with { Metrics = new Dictionary<string, double> { ["rmse"] = 3 } };
        Assert.Contains("no headline model", Assert.Throws<ArgumentException>(() => SeedSweep.Summarise([1], [none])).Message);
        var empty = new TutorialResult("dcn", new Dictionary<string, double>(), [], 1, 1);
        Assert.Throws<ArgumentException>(() => SeedSweep.Summarise([1], [empty]));
        Assert.Throws<ArgumentException>(() => SweepFigure.Of("rmse", []));
    }

    [Fact]
    public void LeavesOutAndCountsSeedsWithoutAFiniteFigure()
    {
        var figure = SweepFigure.Of("rmse", [1, double.NaN, 3, double.PositiveInfinity]);
        Assert.Equal(2, figure.Mean);
        Assert.Equal(1, figure.StandardDeviation);
        Assert.Equal(2, figure.NotFinite);
        Assert.Equal(4, figure.Values.Count);

        var none = SweepFigure.Of("rmse", [double.NaN]);
        Assert.True(double.IsNaN(none.Mean));
        Assert.Equal(1, none.NotFinite);
    }

    [Fact]
    public void RefusesNoSeedsARepeatedSeedAndRunsOfDifferentModels()
    {
        Assert.Throws<ArgumentException>(() => SeedSweep.Run([], _ => Result(1, 1)));
        var repeated = Assert.Throws<ArgumentException>(() => SeedSweep.Run([5, 6, 5], _ => Result(1, 1)));
        Assert.StartsWith("Seed 5 is given twice", repeated.Message);
        Assert.Contains("seed 6 returned no result", Assert.Throws<InvalidOperationException>(() => SeedSweep.Run([5, 6], s => s == 6 ? null! : Result(1, 1))).Message);

        var other = new TutorialResult("basic-ranking", new Dictionary<string, double> { ["rmse"] = 1 }, [new TutorialRow("another", new Dictionary<string, double> { ["rmse"] = 1 }, 1, 1, 0, null)], 1, 1);
        Assert.Throws<ArgumentException>(() => SeedSweep.Summarise([1, 2], [Result(1, 1), other]));
        Assert.Throws<ArgumentException>(() => SeedSweep.Summarise([1, 2], [Result(1, 1)]));
    }

    private static TutorialResult Result(double rmse, double other)
    {
        var headline = new Dictionary<string, double> { ["rmse"] = rmse, ["rmse_std"] = rmse switch { 1 => 0.1, 2 => 0.2, _ => 0.6 } };
        TutorialRow[] rows =
        [
            new("first", new Dictionary<string, double> { ["ndcg@5"] = other }, 1, 3, 0.1, null),
            new("second", headline, 5, 3, 0.1, null),
        ];
        return new TutorialResult("dcn", headline, rows, 80, 20);
    }
}
