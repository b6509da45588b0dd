using System.Diagnostics;
using System.Globalization;
using Reco.Data;
using Reco.Data.MovieLens;
using Reco.Layers;
using Reco.Losses;
using Reco.Metrics;
using Reco.Optimizers;

namespace Reco.Bench.Quickstart;

/// <summary>Times each part of one quickstart training step (batch 4096, 64-d) in isolation, to see where a step's time goes.</summary>
internal static class StepBreakdown
{
    public static void Run(string dataDir, int repeats)
    {
        var data = MovieLens100K.Load(dataDir);
        var ratings = data.Ratings.Select(r => (r.UserId, r.MovieTitle)).ToArray();
        var movies = data.Movies.Select(m => m.Title).ToArray();
        var users = new StringLookup();
        users.Adapt(ratings.Select(r => r.UserId));
        var titles = new StringLookup();
        titles.Adapt(movies);
        var userModel = new Sequential<string>(users, new Embedding(users.VocabularySize, 64, seed: 1));
        var movieModel = new Sequential<string>(titles, new Embedding(titles.VocabularySize, 64, seed: 2));
        const int B = 4096, D = 64;
        var q = ratings.Take(B).Select(r => users.Lookup(r.UserId)).ToArray();
        var c = ratings.Take(B).Select(r => titles.Lookup(r.MovieTitle)).ToArray();
        var u = new float[B * D];
        var m = new float[B * D];
        var du = new float[B * D];
        var dm = new float[B * D];
        userModel.Embedding.Gather(q, u);
        movieModel.Embedding.Gather(c, m);
        var metric = new FactorizedTopK<string>(movies, movieModel);
        var loss1 = new InBatchSoftmax(D, 1);
        var deduplicated = new DeduplicatedInBatchSoftmax(D);
        var loss = new InBatchSoftmax(D);
        var adagrad = new Adagrad(0.5f);
        var distinctUsers = q.Distinct().ToArray();
        var distinctMovies = c.Distinct().ToArray();
        var userSlot = distinctUsers.Select((row, slot) => (row, slot)).ToDictionary(p => p.row, p => p.slot);
        var movieSlot = distinctMovies.Select((row, slot) => (row, slot)).ToDictionary(p => p.row, p => p.slot);
        var querySlots = q.Select(row => userSlot[row]).ToArray();
        var candidateSlots = c.Select(row => movieSlot[row]).ToArray();
        var distinctU = new float[distinctUsers.Length * D];
        var distinctM = new float[distinctMovies.Length * D];
        userModel.Embedding.Gather(distinctUsers, distinctU);
        movieModel.Embedding.Gather(distinctMovies, distinctM);
        var columns = distinctMovies.Select(row => Array.IndexOf(movies, titles.Invert(row))).ToArray();
        double flops = 6.0 * B * B * D;

        Console.WriteLine("| part (one batch of 4096) | median ms | GFLOP/s |");
        Console.WriteLine("| --- | --- | --- |");
        Report("in-batch softmax loss + both gradients, 1 thread", Time(() => loss1.Compute(u, m, B, du, dm), repeats), flops);
        Report($"in-batch softmax loss + both gradients, {Environment.ProcessorCount} threads", Time(() => loss.Compute(u, m, B, du, dm), repeats), flops);
        Report($"loss only (evaluation), {Environment.ProcessorCount} threads", Time(() => loss.Compute(u, m, B, null, null), repeats), flops / 3);
        double distinctFlops = 6.0 * distinctUsers.Length * distinctMovies.Length * D;
        Report($"same loss + gradients over the {distinctUsers.Length} distinct users × {distinctMovies.Length} distinct movies (used in training)", Time(() => deduplicated.Compute(querySlots, candidateSlots, distinctU, distinctUsers.Length, distinctM, distinctMovies.Length), repeats), distinctFlops);
        Report("FactorizedTopK update (1,682 candidates)", Time(() => metric.Update(new RetrievalBatch(D, distinctU, querySlots, distinctM, candidateSlots, columns)), repeats), 2.0 * distinctUsers.Length * movies.Length * D);
        // The metric's parts, as it runs them.
        var embedded = new float[movies.Length * D];
        var transposed = new float[movies.Length * D];
        var scores = new float[distinctUsers.Length * movies.Length];
        Report("  FactorizedTopK: embed the catalogue with the candidate tower", Time(() => movieModel.Call(movies, embedded), repeats), 0);
        Report("  FactorizedTopK: transpose the catalogue", Time(() =>
        {
            for (int cand = 0; cand < movies.Length; cand++)
            {
                for (int k = 0; k < D; k++)
                {
                    transposed[(k * movies.Length) + cand] = embedded[(cand * D) + k];
                }
            }
        }, repeats), 0);
        Report("  FactorizedTopK: scores, distinct users × catalogue (GEMM)", Time(() => Reco.Numerics.Gemm.MultiplyParallel(distinctUsers.Length, movies.Length, D, distinctU, D, 1, transposed, movies.Length, scores, movies.Length, false), repeats), 2.0 * distinctUsers.Length * movies.Length * D);
        Report("  FactorizedTopK: rank of each of the 4,096 positives (counting)", Time(() =>
        {
            long hits = 0;
            for (int i = 0; i < B; i++)
            {
                int slot = querySlots[i];
                var row = scores.AsSpan(slot * movies.Length, movies.Length);
                hits += Reco.Numerics.Counting.CountGreaterThan(row, row[i % movies.Length]) < 100 ? 1 : 0;
            }

            GC.KeepAlive(hits);
        }, repeats), 0);
        Report("Adagrad on touched rows of both tables", Time(() =>
        {
            adagrad.ApplySparse(userModel.Embedding.Variable, distinctUsers, du);
            adagrad.ApplySparse(movieModel.Embedding.Variable, distinctMovies, dm);
        }, repeats), 0);
    }

    private static double Time(Action action, int repeats)
    {
        for (int i = 0; i < 3; i++)
        {
            action();
        }

        var times = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[repeats / 2];
    }

    private static void Report(string part, double ms, double flops)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {part} | {ms:F2} | {(flops > 0 ? (flops / ms / 1e6).ToString("F0", CultureInfo.InvariantCulture) : "-")} |"));
}
