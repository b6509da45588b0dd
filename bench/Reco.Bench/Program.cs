using BenchmarkDotNet.Running;
using Reco.Bench.Classic;
using Reco.Bench.Ingest;
using Reco.Bench.Kernels;
using Reco.Bench.Quickstart;
using Reco.Bench.SaveKill;

switch (args.FirstOrDefault())
{
    case "kernels":
        BenchmarkSwitcher.FromTypes([typeof(GemmBenchmarks)]).Run(args[1..]);
        break;
    case "vector-quick":
        VectorQuick.Run();
        break;
    case "gemm-quick":
        GemmQuick.Run(Option(args, "--shapes"), Option(args, "--driver"));
        break;
    case "quickstart":
        QuickstartBenchmark.Run(
            dataDir: Option(args, "--data-dir") ?? "../shared/datasets/ml-100k",
            runs: int.Parse(Option(args, "--runs") ?? "5", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "step-breakdown":
        StepBreakdown.Run(
            dataDir: Option(args, "--data-dir") ?? "../shared/datasets/ml-100k",
            repeats: int.Parse(Option(args, "--repeats") ?? "21", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "classic-rating":
        ClassicRatingBenchmark.Run(
            dataDir: Option(args, "--data-dir") ?? "../shared/datasets/ml-100k",
            runs: int.Parse(Option(args, "--runs") ?? "5", System.Globalization.CultureInfo.InvariantCulture),
            only: Option(args, "--only")?.Split(','));
        break;
    case "classic-topk":
        ClassicTopKBenchmark.Run(
            dataDir: Option(args, "--data-dir") ?? "../shared/datasets/ml-100k",
            runs: int.Parse(Option(args, "--runs") ?? "5", System.Globalization.CultureInfo.InvariantCulture),
            only: Option(args, "--only")?.Split(','));
        break;
    case "classic-try":
        ClassicTry.Run(Option(args, "--data-dir") ?? "../shared/datasets/ml-100k", args[1], [.. args[2..].Where(a => a.Contains('=', StringComparison.Ordinal))], args.Contains("--validate"));
        break;
    case "tutorials":
        Reco.Bench.Tutorials.TutorialsBenchmark.Run(
            dataDir: Option(args, "--data-dir") ?? "../shared/datasets/ml-100k",
            runs: int.Parse(Option(args, "--runs") ?? "3", System.Globalization.CultureInfo.InvariantCulture),
            only: Option(args, "--only")?.Split(','));
        break;
    case "tutorial-export":
        Reco.Bench.Tutorials.TutorialExport.Run(
            dataDir: Option(args, "--data-dir") ?? "../shared/datasets/ml-100k",
            tutorial: Option(args, "--tutorial") ?? "dcn",
            seed: int.Parse(Option(args, "--seed") ?? "42", System.Globalization.CultureInfo.InvariantCulture),
            output: Option(args, "--out") ?? "examples.csv");
        break;
    case "two-tower-tune":
        Reco.Bench.Tutorials.TwoTowerTune.Run(
            dataDir: Option(args, "--data-dir") ?? "../shared/datasets/ml-100k",
            protocol: Option(args, "--protocol") ?? "stratified:0.75",
            settings: [.. args.Skip(1).Where(a => a.Contains('=', StringComparison.Ordinal) || a.Length == 0)],
            test: args.Contains("--test"),
            algorithm: Option(args, "--algorithm") ?? "two-tower");
        break;
    case "cubic":
        Reco.Bench.Cubic.CubicBenchmark.Run(
            users: int.Parse(Option(args, "--users") ?? "10000", System.Globalization.CultureInfo.InvariantCulture),
            items: int.Parse(Option(args, "--items") ?? "10000", System.Globalization.CultureInfo.InvariantCulture),
            interactions: int.Parse(Option(args, "--interactions") ?? "100000", System.Globalization.CultureInfo.InvariantCulture),
            runs: int.Parse(Option(args, "--runs") ?? "3", System.Globalization.CultureInfo.InvariantCulture),
            models: Option(args, "--models") ?? "ease,item-knn",
            python: Option(args, "--python"),
            dtypes: Option(args, "--dtypes") ?? "float64,float32");
        break;
    case "scale":
        Reco.Bench.Scale.ScaleBenchmark.Run(
            data: Option(args, "--data") ?? throw new ArgumentException("scale needs --data F.parquet (make one with reco datasets synth)."),
            step: Option(args, "--step") ?? "load",
            iterations: int.Parse(Option(args, "--iterations") ?? "3", System.Globalization.CultureInfo.InvariantCulture),
            twoTowerRows: double.Parse(Option(args, "--two-tower-share") ?? "1", System.Globalization.CultureInfo.InvariantCulture),
            twoTowerBatch: int.Parse(Option(args, "--two-tower-batch") ?? "8192", System.Globalization.CultureInfo.InvariantCulture),
            twoTowerEpochs: int.Parse(Option(args, "--two-tower-epochs") ?? "1", System.Globalization.CultureInfo.InvariantCulture),
            threads: int.Parse(Option(args, "--threads") ?? "1", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "evaluation":
        Reco.Bench.Evaluation.EvaluationBenchmark.Run(
            dataDir: Option(args, "--data-dir") ?? "../shared/datasets/ml-100k",
            runs: int.Parse(Option(args, "--runs") ?? "5", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "ingest":
        IngestBenchmark.Run(
            rows: long.Parse(Option(args, "--rows") ?? "32000000", System.Globalization.CultureInfo.InvariantCulture),
            runs: int.Parse(Option(args, "--runs") ?? "5", System.Globalization.CultureInfo.InvariantCulture),
            folder: Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "reco-ingest-bench"),
            duplicates: Option(args, "--duplicates") ?? "keep-last");
        break;
    case "ann":
        {
            int items = int.Parse(Option(args, "--items") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture);
            Reco.Bench.Indexes.AnnBenchmark.Run(
                items: items,
                queryCount: int.Parse(Option(args, "--queries") ?? "2000", System.Globalization.CultureInfo.InvariantCulture),
                dimension: int.Parse(Option(args, "--dimension") ?? "64", System.Globalization.CultureInfo.InvariantCulture),
                methods: (Option(args, "--methods") ?? "exact,ivf,hnsw").Split(','),
                latencyQueries: int.Parse(Option(args, "--latency-queries") ?? "300", System.Globalization.CultureInfo.InvariantCulture),
                runs: int.Parse(Option(args, "--runs") ?? "3", System.Globalization.CultureInfo.InvariantCulture),
                plotPath: Option(args, "--plot") ?? $"ann-{items}.png",
                hnswSpec: Option(args, "--hnsw") ?? "ReducedL2:16:32,64,128,256;ReducedL2:32:64,128,256;InnerProduct:32:128,256",
                ivfSpec: Option(args, "--ivf") ?? "0:4,8,16,32,64");
            break;
        }

    case "saved-index":
        {
            var folder = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "reco-saved-index-bench");
            var kind = Option(args, "--index") ?? "ivf";
            if (args.Length > 1 && args[1] == "prepare")
            {
                Reco.Bench.Indexes.SavedIndexBenchmark.Prepare(
                    folder,
                    items: int.Parse(Option(args, "--items") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture),
                    dimension: int.Parse(Option(args, "--dimension") ?? "64", System.Globalization.CultureInfo.InvariantCulture),
                    kind);
            }
            else
            {
                Reco.Bench.Indexes.SavedIndexBenchmark.Measure(folder, args.Length > 1 ? args[1] : "saved", kind, int.Parse(Option(args, "--runs") ?? "3", System.Globalization.CultureInfo.InvariantCulture));
            }

            break;
        }

    case "ingest-load":
        IngestBenchmark.Load(args[1], args[2], args[3]);
        break;
    case "save-kill":
        return SaveKillBenchmark.Run(
            saves: int.Parse(Option(args, "--saves") ?? "50", System.Globalization.CultureInfo.InvariantCulture),
            megabytes: int.Parse(Option(args, "--megabytes") ?? "16", System.Globalization.CultureInfo.InvariantCulture),
            folder: Option(args, "--dir"),
            seed: int.Parse(Option(args, "--seed") ?? "1", System.Globalization.CultureInfo.InvariantCulture),
            keep: args.Contains("--keep"));
    case "save-kill-child":
        return SaveKillBenchmark.Child(args[1], args[2], int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
    case "save-kill-reader":
        return SaveKillBenchmark.Reader(args[1], args[2]);
    default:
        Console.WriteLine("usage: Reco.Bench <command> [args]");
        Console.WriteLine("  kernels [BenchmarkDotNet args]          numeric kernel benchmarks");
        Console.WriteLine("  gemm-quick [--shapes a,b] [--driver auto|direct|packed]   GEMM GFLOP/s table and FMA peak in seconds");
        Console.WriteLine("  vector-quick   softmax, counting and top-k kernels in elements/ns (rerun with DOTNET_EnableAVX512=0 etc.)");
        Console.WriteLine("  quickstart [--data-dir DIR] [--runs 5]   quickstart training and FactorizedTopK timings");
        Console.WriteLine("  classic-rating [--data-dir DIR] [--runs 5] [--only a,b]  RMSE/MAE, 5-fold CV and u1 fold");
        Console.WriteLine("  classic-topk [--data-dir DIR] [--runs 5] [--only a,b]    precision/nDCG on u1 and a stratified split");
        Console.WriteLine("  classic-try ALGORITHM [key=value ...] [--validate]      one configuration on the u1 fold (or a validation split of u1.base)");
        Console.WriteLine("  step-breakdown [--data-dir DIR]          time of each part of one training step");
        Console.WriteLine("  tutorials [--data-dir DIR] [--runs 3] [--only a,b]   training seconds per epoch of every TFRS tutorial and the quickstart");
        Console.WriteLine("  tutorial-export [--tutorial dcn|basic-ranking] [--data-dir DIR] [--seed 42] [--out examples.csv]");
        Console.WriteLine("                                           a ranking tutorial's examples at a seed, for bench/peers/ranking_torch.py");
        Console.WriteLine("  two-tower-tune 'key=value key=value' ... [--protocol stratified:0.75] [--test]");
        Console.WriteLine("                                           two-tower settings scored on a validation share of the training share");
        Console.WriteLine("  evaluation [--data-dir DIR] [--runs 5]   all metrics at k = 10 for a 64-factor model, all users × items");
        Console.WriteLine("  cubic [--items 10000] [--users 10000] [--interactions 100000] [--runs 3] [--models ease,item-knn]");
        Console.WriteLine("        [--python /usr/bin/python3] [--dtypes float64,float32]");
        Console.WriteLine("                                           EASE and item-KNN fits on synthetic data; numpy/OpenBLAS EASE as the peer");
        Console.WriteLine("  ann [--items 1000000] [--queries 2000] [--dimension 64] [--methods exact,ivf,hnsw] [--runs 3]");
        Console.WriteLine("      [--ivf 'LISTS:PROBES,...;...'] [--hnsw 'METRIC:M:EF,...;...'] [--latency-queries 300] [--plot PATH]");
        Console.WriteLine("                                           recall@10 and queries/s of the vector indexes, PNG plot");
        Console.WriteLine("  saved-index prepare|saved|rebuild [--items 1000000] [--dimension 64] [--index ivf] [--runs 3] [--dir DIR]");
        Console.WriteLine("                                           seconds to make a model version servable with its saved index or a rebuilt one");
        Console.WriteLine("  scale --step load|als|bpr|two-tower|biased-mf|topk|evaluate|quality|two-tower-quality --data F.parquet [--iterations 3]");
        Console.WriteLine("        [--two-tower-share 1] [--two-tower-batch 8192] [--two-tower-epochs 1] [--threads 1]");
        Console.WriteLine("                                           one step on 25M synthetic interactions: time and peak RSS (bench/scripts/scale.sh runs them all); --threads: BPR's SGD threads");
        Console.WriteLine("  ingest [--rows 32000000] [--runs 5] [--dir DIR] [--duplicates keep-last]");
        Console.WriteLine("                                           CSV and Parquet load rate and peak memory");
        Console.WriteLine("  save-kill [--saves 50] [--megabytes 16] [--dir DIR] [--seed 1] [--keep]");
        Console.WriteLine("                                           model saves killed with SIGKILL while a reader loads the model");
        break;
}

return 0;

static string? Option(string[] args, string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
