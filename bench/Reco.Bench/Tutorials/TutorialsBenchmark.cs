using System.Globalization;
using Reco.Data;
using Reco.Recipes;
using Reco.Recipes.Tutorials;
using Reco.Training;

namespace Reco.Bench.Tutorials;

/// <summary>
/// Training time per epoch of every TFRS tutorial beside the quickstart's: each recipe with a few epochs,
/// several times in one process; the median over every epoch but the first of each fit (which carries the JIT).
/// </summary>
internal static class TutorialsBenchmark
{
    public static void Run(string dataDir, int runs, IReadOnlyList<string>? only)
    {
        var data = DataSet.LoadMovieLens(dataDir);
        var interactions = data.Interactions;
        var cases = new (string Name, string Model, Func<IEnumerable<History>> Fit)[]
        {
            ("quickstart", "64-d id towers, 100,000 ratings, batch 4,096", () => [Reco.Recipes.Quickstart.Run(interactions, new QuickstartOptions { Epochs = 4 }).History]),
            ("basic-ranking", "id embeddings + ReLU 256, 64, 80,000 ratings, batch 8,192", () => Histories(BasicRanking.Run(interactions, new BasicRankingOptions { Epochs = 4 }))),
            ("context-features", "feature towers with timestamps, 80,000 ratings, batch 2,048", () => Histories(ContextFeatures.Run(interactions, new ContextFeaturesOptions { Epochs = 4 })).Skip(1)),
            ("deep-recommenders", "feature towers + [64, 32], 80,000 ratings, batch 2,048", () => Histories(DeepRecommenders.Run(interactions, new DeepRecommendersOptions { Epochs = 4, LayerSizes = [[64, 32]] }))),
            ("multitask", "shared embeddings, retrieval + rating (1, 1), 80,000 ratings, batch 8,192", () => Histories(Multitask.Run(interactions, new MultitaskOptions { Epochs = 4, Weights = [(1f, 1f)] }))),
            ("dcn", "6 feature embeddings + cross + ReLU 192, 192, 80,000 ratings, batch 8,192, Adam", () => [Histories(DeepCrossNetwork.Run(data, new DeepCrossNetworkOptions { Epochs = 4, Runs = 1 }))[0]]),
            ("listwise", "ListMLE on 47,150 lists of 5, batch 8,192 lists", () => [Histories(ListwiseRanking.Run(interactions, new ListwiseRankingOptions { Epochs = 4 }))[^1]]),
            ("sequential", "GRU over 10 movies, ~97,000 sequences, batch 12,800", () => [Histories(SequentialRetrieval.Run(interactions, new SequentialRetrievalOptions { Epochs = 4 }))[0]]),
        };

        Console.WriteLine($"median seconds per epoch over {runs} run(s), first epoch of each fit left out (JIT)");
        Console.WriteLine("| tutorial | model | s/epoch (median) | runs |");
        Console.WriteLine("| --- | --- | ---: | ---: |");
        foreach (var (name, model, fit) in cases.Where(c => only is null || only.Contains(c.Name)))
        {
            var seconds = new List<double>();
            for (int run = 0; run < runs; run++)
            {
                foreach (var history in fit())
                {
                    seconds.AddRange(history.Epochs.Skip(1).Select(e => e.Seconds));
                }
            }

            seconds.Sort();
            double median = seconds.Count == 0 ? double.NaN : seconds[seconds.Count / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {model} | {median:F3} | {runs} |"));
        }
    }

    private static History[] Histories(TutorialResult result) => [.. result.Rows.Where(r => r.History is not null).Select(r => r.History!)];
}
