using BenchmarkDotNet.Running;
using Reco.Bench.Kernels;

switch (args.FirstOrDefault())
{
    case "kernels":
        BenchmarkSwitcher.FromTypes([typeof(GemmBenchmarks)]).Run(args[1..]);
        break;
    case "gemm-quick":
        GemmQuick.Run();
        break;
    default:
        Console.WriteLine("usage: Reco.Bench <command> [args]");
        Console.WriteLine("  kernels [BenchmarkDotNet args]   numeric kernel benchmarks");
        Console.WriteLine("  gemm-quick                        GEMM GFLOP/s table in a few seconds");
        break;
}
