using System.Diagnostics;
using System.Globalization;
using Reco.Data.MovieLens;
using Reco.Data.Splits;
using Reco.Evaluation;
using Reco.Numerics;

namespace Reco.Bench.Evaluation;

/// <summary>
/// Times <see cref="Evaluator"/> on MovieLens 100k: a 64-factor model (seeded random factors; the time
/// does not depend on their values) scored for every test user against all 1,682 items, every metric
/// at k = 10, with training items excluded.
/// </summary>
internal static class EvaluationBenchmark
{
    public static void Run(string dataDir, int runs)
    {
        var movieLens = MovieLens100K.Load(dataDir);
        var data = movieLens.ToInteractions();
        var (train, test) = InteractionSplits.Random(data, 0.8, 42);
        const int Factors = 64;
        var random = new Random(1);
        var users = Enumerable.Range(0, data.UserCount * Factors).Select(_ => (float)random.NextDouble()).ToArray();
        var itemsT = Enumerable.Range(0, Factors * data.ItemCount).Select(_ => (float)random.NextDouble()).ToArray();
        int n = data.ItemCount;
        void Score(int user, Span<float> scores) => Gemm.Multiply(1, n, Factors, users.AsSpan(user * Factors, Factors), Factors, 1, itemsT, n, scores, n, accumulate: false);

        var options = new EvaluationOptions { Ks = [10], Candidates = CandidateItems.All, ItemVectors = i => itemsT.AsMemory(0, Factors) };
        var times = new List<double>();
        EvaluationResult? result = null;
        for (int run = 0; run < runs + 1; run++)
        {
            var clock = Stopwatch.StartNew();
            result = Evaluator.Evaluate(Score, train, test, options);
            if (run > 0)
            {
                times.Add(clock.Elapsed.TotalSeconds);
            }
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Evaluated {result!.Users} users × {result.CandidateItems} items, {result.Metrics.Count} metrics at k = 10: median {times[times.Count / 2] * 1000:F1} ms over {runs} runs (after one warm-up), min {times[0] * 1000:F1} ms, max {times[^1] * 1000:F1} ms"));
    }
}
