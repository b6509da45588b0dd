using System.Runtime.ExceptionServices;

namespace Reco.Data.Sources;

/// <summary>Runs chunk bodies in parallel and rethrows the error of the earliest failing chunk, unwrapped.</summary>
internal static class ParallelChunks
{
    public static void Run(int count, Action<int> body)
    {
        var failures = new Exception?[count];
        try
        {
            Parallel.For(0, count, i =>
            {
                try
                {
                    body(i);
                }
                catch (Exception e)
                {
                    failures[i] = e;
                    throw;
                }
            });
        }
        catch (AggregateException)
        {
            ExceptionDispatchInfo.Throw(failures.First(f => f is not null)!);
        }
    }
}
