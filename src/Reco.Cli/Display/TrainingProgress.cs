using System.Globalization;
using Reco.Cli.Commands;
using Reco.Training;
using Spectre.Console;

namespace Reco.Cli.Display;

/// <summary>
/// Shows training as it goes: on a terminal a progress bar per epoch with rate, ETA and the running
/// loss and top-k accuracy; otherwise one plain line per epoch (like Keras's <c>verbose=2</c>).
/// </summary>
internal static class TrainingProgress
{
    public static T Run<T>(CliContext context, Func<TrainingCallback, T> fit)
    {
        if (!context.Interactive)
        {
            return fit(new PlainLines(context.Output));
        }

        T result = default!;
        context.Console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new StepRateColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .Start(ctx => result = fit(new Bars(ctx)));
        return result;
    }

    private static string Summary(IReadOnlyDictionary<string, double> logs)
    {
        var parts = new List<string>();
        foreach (var (key, value) in logs)
        {
            if (key is "loss" or "factorized_top_k@10" or "factorized_top_k@100")
            {
                parts.Add($"{key} {MetricsTable.Format(key, value)}");
            }
        }

        return string.Join("  ", parts);
    }

    private sealed class PlainLines(TextWriter output) : TrainingCallback
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
        private TimeSpan _lastLine;
        private int _epochs;
        private int _steps;

        public override void OnTrainBegin(TrainingPlan plan)
        {
            _epochs = plan.Epochs;
            _steps = plan.StepsPerEpoch;
            _clock.Restart();
            _lastLine = TimeSpan.Zero;
        }

        /// <summary>Long work between epoch lines still says where it is, every few seconds, with an ETA.</summary>
        public override void OnBatchEnd(BatchLog log)
        {
            var now = _clock.Elapsed;
            if (now - _lastLine < TimeSpan.FromSeconds(5) || log.Step >= log.StepsPerEpoch)
            {
                return;
            }

            _lastLine = now;
            double done = ((double)log.Epoch * log.StepsPerEpoch) + log.Step;
            double total = (double)Math.Max(1, _epochs) * log.StepsPerEpoch;
            double left = now.TotalSeconds / done * (total - done);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  epoch {log.Epoch + 1}/{_epochs}, step {log.Step}/{log.StepsPerEpoch}: {now.TotalSeconds:F0}s so far, about {left:F0}s left"));
            output.Flush();
        }

        public override void OnEpochEnd(EpochLog log)
        {
            if (_epochs < 2)
            {
                return;
            }

            var all = string.Join("  ", log.Logs.Select(kv => $"{kv.Key} {MetricsTable.Format(kv.Key, kv.Value)}"));
            string steps = _steps > 1 ? string.Create(CultureInfo.InvariantCulture, $"{_steps} steps in ") : string.Empty;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {log.Epoch + 1}/{_epochs}: {steps}{log.Seconds:F2}s  {all}"));
            output.Flush();
        }
    }

    private sealed class Bars(ProgressContext context) : TrainingCallback
    {
        private ProgressTask[] _tasks = [];
        private int _epochs;

        public override void OnTrainBegin(TrainingPlan plan)
        {
            _epochs = plan.Epochs;
            _tasks = [.. Enumerable.Range(0, plan.Epochs).Select(e => context.AddTask($"Epoch {e + 1}/{plan.Epochs}", autoStart: e == 0, maxValue: plan.StepsPerEpoch))];
        }

        public override void OnBatchEnd(BatchLog log)
        {
            var task = _tasks[log.Epoch];
            if (!task.IsStarted)
            {
                task.StartTask();
            }

            task.Value = log.Step;
            task.Description = Markup.Escape($"Epoch {log.Epoch + 1}/{_epochs}  {Summary(log.Logs)}");
        }

        public override void OnEpochEnd(EpochLog log)
        {
            var task = _tasks[log.Epoch];
            task.Description = Markup.Escape($"Epoch {log.Epoch + 1}/{_epochs}  {Summary(log.Logs)}");
            task.StopTask();
            if (log.Epoch + 1 < _tasks.Length)
            {
                _tasks[log.Epoch + 1].StartTask();
            }
        }
    }

    /// <summary>Batches per second of a task.</summary>
    private sealed class StepRateColumn : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime)
            => new Text(task.Speed is { } speed ? string.Create(CultureInfo.InvariantCulture, $"{speed,6:F1} steps/s") : "   -- steps/s");
    }
}
