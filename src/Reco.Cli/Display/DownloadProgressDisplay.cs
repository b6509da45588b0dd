using Reco.Cli.Commands;
using Reco.Data;
using Reco.Data.Download;
using Spectre.Console;

namespace Reco.Cli.Display;

/// <summary>Shows a download as a byte progress bar with speed and ETA on a terminal, or start and end lines otherwise.</summary>
internal static class DownloadProgressDisplay
{
    public static async Task<string> RunAsync(CliContext context, string what, Func<IProgress<DownloadProgress>, Task<string>> download)
    {
        if (!context.Interactive)
        {
            return await download(new Progress<DownloadProgress>());
        }

        string folder = string.Empty;
        await context.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(what), maxValue: 1);
                folder = await download(new Reporter(task));
                task.Value = task.MaxValue;
            });
        return folder;
    }

    /// <summary>Updates the bar synchronously (a <see cref="Progress{T}"/> would post to the thread pool and lag).</summary>
    private sealed class Reporter(ProgressTask task) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value)
        {
            if (value.TotalBytes is { } total && total > 0)
            {
                task.MaxValue = total;
            }
            else
            {
                task.IsIndeterminate = true;
            }

            task.Value = value.BytesReceived;
        }
    }
}
