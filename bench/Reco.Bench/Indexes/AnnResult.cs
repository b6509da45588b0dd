namespace Reco.Bench.Indexes;

/// <summary>One measured index setting.</summary>
internal sealed record AnnResult(
    string Method, string Setting, double Recall, double BatchQps, double Batch64Qps, double P50Ms, double P99Ms,
    double BuildSeconds, long MemoryBytes);
