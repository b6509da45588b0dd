using System.Runtime.InteropServices;

namespace Reco.Indexes;

/// <summary>
/// P/Invoke declarations for USearch's C API (<c>libusearch_c</c>, shipped by the Cloud.Unum.USearch
/// package for linux-x64, osx-arm64 and win-x64). The package's managed wrapper lacks the expansion,
/// thread, buffer and filtered-search calls, so the C functions are called directly.
/// </summary>
internal static unsafe partial class USearchNative
{
    private const string Library = "libusearch_c";

    /// <summary><c>usearch_metric_kind_t</c>.</summary>
    public enum MetricKind : uint
    {
        Cosine = 1,
        InnerProduct = 2,
        SquaredL2 = 3,
    }

    /// <summary><c>usearch_scalar_kind_t</c>: 32-bit floats.</summary>
    public const uint Float32 = 1;

    /// <summary><c>usearch_init_options_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct InitOptions
    {
        public MetricKind Metric;
        public nint CustomMetric;
        public uint Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        public byte Multi;
    }

    [LibraryImport(Library, EntryPoint = "usearch_version")]
    public static partial nint Version();

    [LibraryImport(Library, EntryPoint = "usearch_init")]
    public static partial nint Init(InitOptions* options, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_free")]
    public static partial void Free(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_reserve")]
    public static partial void Reserve(nint index, nuint capacity, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_add")]
    public static partial void ChangeThreadsAdd(nint index, nuint threads, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_search")]
    public static partial void ChangeThreadsSearch(nint index, nuint threads, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_change_expansion_search")]
    public static partial void ChangeExpansionSearch(nint index, nuint expansion, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_add")]
    public static partial void Add(nint index, ulong key, float* vector, uint kind, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_search")]
    public static partial nuint Search(nint index, float* query, uint kind, nuint count, ulong* keys, float* distances, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_filtered_search")]
    public static partial nuint FilteredSearch(
        nint index, float* query, uint kind, nuint count, delegate* unmanaged<ulong, void*, int> filter, void* state,
        ulong* keys, float* distances, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_size")]
    public static partial nuint Size(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_dimensions")]
    public static partial nuint Dimensions(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_memory_usage")]
    public static partial nuint MemoryUsage(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_hardware_acceleration")]
    public static partial nint HardwareAcceleration(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_serialized_length")]
    public static partial nuint SerializedLength(nint index, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_save_buffer")]
    public static partial void SaveBuffer(nint index, void* buffer, nuint length, nint* error);

    [LibraryImport(Library, EntryPoint = "usearch_load_buffer")]
    public static partial void LoadBuffer(nint index, void* buffer, nuint length, nint* error);

    /// <summary>Throws when a call reported an error.</summary>
    public static void Check(nint error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"USearch could not {what}: {Marshal.PtrToStringUTF8(error)}.");
        }
    }

    /// <summary>
    /// <see langword="null"/> when the native library loads and answers; otherwise one line saying why not.
    /// </summary>
    public static string? Unavailable => Probe.Value;

    private static readonly Lazy<string?> Probe = new(() =>
    {
        try
        {
            return Version() == 0 ? "its version call returned nothing" : null;
        }
        catch (DllNotFoundException e)
        {
            // The runtime's message lists every path it tried; the loader's own reason is its last line.
            var lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return lines.Length > 1 ? lines[^1] : "libusearch_c was not found";
        }
        catch (EntryPointNotFoundException)
        {
            return "the libusearch_c found lacks the functions this version calls";
        }
        catch (BadImageFormatException)
        {
            return "libusearch_c is not built for this processor";
        }
    });
}
