using System.Reflection;
using System.Runtime.CompilerServices;

namespace Reco.Numerics;

/// <summary>
/// Compiles the numeric kernels for this machine before their first call, on a background thread.
/// </summary>
/// <remarks>
/// Precompiled (ReadyToRun) code cannot assume AVX2 or AVX-512, so every kernel that tests for them is
/// compiled by the JIT at its first call, in the middle of a user's first fit or evaluation. A process that
/// is about to train or evaluate calls <see cref="Start"/> first (the <c>reco</c> command does, before it
/// reads any data), so that this compilation overlaps the data load instead. The code compiled is the code a
/// first call would get (the same tier, for this machine's widest vectors); results do not change.
/// </remarks>
public static class KernelWarmUp
{
    private static readonly Lock Gate = new();
    private static Task? s_started;

    /// <summary>Starts compiling the kernels, once per process; later calls return the same task.</summary>
    /// <returns>The background compilation; awaiting it is never needed.</returns>
    public static Task Start()
    {
        lock (Gate)
        {
            return s_started ??= Task.Run(Prepare);
        }
    }

    /// <summary>The kernel types whose methods are compiled: the drivers, and the micro-kernels of the paths this machine runs.</summary>
    internal static Type[] Types()
    {
        var types = new List<Type>
        {
            typeof(Gemm), typeof(GemmDriver), typeof(GemmPacked), typeof(GemmParallel), typeof(GemmSmall),
            typeof(GemmTileStore), typeof(ParallelProduct), typeof(Softmax), typeof(TopK), typeof(Counting),
            typeof(Transpose), typeof(Cholesky), typeof(BlockedCholesky),
        };
        types.AddRange(Kernels());
        return [.. types];
    }

    private static Type[] Kernels() => Gemm.BestPath switch
    {
        GemmPath.Avx512 => [typeof(Avx512Kernel)],
        GemmPath.Avx2 => [typeof(Avx2Kernel), typeof(Avx2NarrowKernel)],
        _ => [typeof(PortableKernel)],
    };

    private static void Prepare()
    {
        var kernels = Kernels();
        foreach (var type in Types())
        {
            foreach (var method in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!method.IsGenericMethodDefinition)
                {
                    RuntimeHelpers.PrepareMethod(method.MethodHandle);
                    continue;
                }

                // The blocking drivers are generic over the micro-kernel: compile the instantiations this machine runs.
                var arguments = method.GetGenericArguments();
                if (arguments.Length == 1 && arguments[0].GetGenericParameterConstraints().Contains(typeof(IGemmKernel)))
                {
                    foreach (var kernel in kernels)
                    {
                        RuntimeHelpers.PrepareMethod(method.MethodHandle, [kernel.TypeHandle]);
                    }
                }
            }
        }
    }
}
