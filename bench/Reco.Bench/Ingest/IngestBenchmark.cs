using System.Diagnostics;
using System.Globalization;
using Reco.Data.Sources;
using Reco.Data.Sources.Parquet;
using Reco.Data.Sources.Text;

namespace Reco.Bench.Ingest;

/// <summary>
/// Load speed and peak memory of the CSV and Parquet sources on generated data: each load runs in a
/// fresh child process, so its peak resident set (VmHWM) is that load's alone.
/// </summary>
internal static class IngestBenchmark
{
    public static void Run(long rows, int runs, string folder, string duplicates)
    {
        Directory.CreateDirectory(folder);
        string csv = Path.Combine(folder, $"interactions-{rows}.csv");
        string parquet = Path.Combine(folder, $"interactions-{rows}.parquet");
        if (!File.Exists(csv))
        {
            Console.WriteLine($"Writing {csv} …");
            IngestData.WriteCsv(csv, rows);
        }

        if (!File.Exists(parquet))
        {
            Console.WriteLine($"Writing {parquet} …");
            IngestData.WriteParquetAsync(parquet, rows).GetAwaiter().GetResult();
        }

        Console.WriteLine($"{Environment.ProcessorCount} cores; {rows:N0} rows; duplicates {duplicates}; median of {runs} runs, each in a fresh process.");
        foreach (var (format, path) in new[] { ("csv", csv), ("parquet", parquet) })
        {
            var results = new List<(double Seconds, long PeakBytes, double CpuSeconds)>();
            for (int i = 0; i < runs; i++)
            {
                results.Add(RunChild(format, path, duplicates));
            }

            var seconds = results.Select(r => r.Seconds).Order().ToArray();
            var peaks = results.Select(r => r.PeakBytes).Order().ToArray();
            double median = seconds[seconds.Length / 2];
            double cpu = results.Select(r => r.CpuSeconds).Order().ToArray()[results.Count / 2];
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{format,-8} {IngestData.Describe(new FileInfo(path).Length),8}  median {median:F2} s  {rows / median / 1e6:F2} M rows/s  CPU median {cpu:F1} s (process, incl. start-up)  peak RSS median {peaks[peaks.Length / 2] / 1e6:F0} MB, max {peaks[^1] / 1e6:F0} MB  (runs: {string.Join(", ", results.Select(r => r.Seconds.ToString("F2", CultureInfo.InvariantCulture)))} s)"));
        }
    }

    /// <summary>The child: loads once, prints seconds, rows and the peak resident set.</summary>
    public static void Load(string format, string path, string duplicates)
    {
        var options = new LoadOptions { Duplicates = DuplicatePolicyNames.Parse(duplicates) };
        var clock = Stopwatch.StartNew();
        var result = format == "csv" ? DelimitedTextSource.Load(path, options: options) : ParquetSource.Load(path, options);
        double seconds = clock.Elapsed.TotalSeconds;
        double cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{seconds} {result.Interactions.Count} {PeakResidentBytes()} {cpu}"));
        Console.Error.Write(result.Report.ToText());
    }

    private static (double Seconds, long PeakBytes, double CpuSeconds) RunChild(string format, string path, string duplicates)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(IngestBenchmark).Assembly.Location);
        }

        foreach (var arg in new[] { "ingest-load", format, path, duplicates })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var report = child.StandardError.ReadToEndAsync();
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The {format} load failed: {report.Result}");
        }
        var parts = output.Trim().Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), double.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    private static long PeakResidentBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Environment.WorkingSet;
    }
}
