using System.Runtime.ExceptionServices;

namespace Reco.Data.Sources.Text;

/// <summary>
/// Runs chunk bodies in parallel and rethrows the error of the earliest failing chunk, unwrapped. Chunks
/// before it that never started (the loop stops starting new ones at the first error) are run first, so
/// the error reported is the one a sequential reading would meet first.
/// </summary>
internal static class ParallelChunks
{
    public static void Run(int count, Action<int> body, bool parallel = true)
    {
        if (!parallel)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        var failures = new Exception?[count];
        var done = new bool[count];
        try
        {
            Parallel.For(0, count, i =>
            {
                try
                {
                    body(i);
                    done[i] = true;
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
            int first = Array.FindIndex(failures, f => f is not null);
            for (int i = 0; i < first; i++)
            {
                if (!done[i])
                {
                    body(i);
                }
            }

            ExceptionDispatchInfo.Throw(failures[first]!);
        }
    }
}
