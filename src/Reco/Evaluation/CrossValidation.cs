using System.Diagnostics;
using Reco.Evaluation.Protocols;
using Reco.Models;
using Reco.Training;

namespace Reco.Evaluation;

/// <summary>The figures of one model on one fold.</summary>
/// <param name="Fold">The fold's name.</param>
/// <param name="Result">The metrics.</param>
/// <param name="FitSeconds">Training time.</param>
/// <param name="EvaluationSeconds">Evaluation time.</param>
/// <param name="Epochs">Per-epoch training logs of iterative models (empty otherwise).</param>
public sealed record FoldResult(string Fold, EvaluationResult Result, double FitSeconds, double EvaluationSeconds, IReadOnlyList<EpochLog> Epochs);

/// <summary>A model's figures over every fold of a protocol, with their mean and standard deviation.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Folds">One entry per fold.</param>
public sealed record CrossValidationResult(string Model, IReadOnlyList<FoldResult> Folds)
{
    /// <summary>Each metric's mean over folds.</summary>
    public IReadOnlyDictionary<string, double> Mean => Aggregate(values => values.Average());

    /// <summary>Each metric's sample standard deviation over folds (0 with one fold).</summary>
    public IReadOnlyDictionary<string, double> StandardDeviation => Aggregate(values =>
    {
        if (values.Length < 2)
        {
            return 0;
        }

        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    });

    /// <summary>Mean training time per fold.</summary>
    public double FitSeconds => Folds.Average(f => f.FitSeconds);

    private Dictionary<string, double> Aggregate(Func<double[], double> reduce)
        => Folds[0].Result.Metrics.Keys.ToDictionary(k => k, k => reduce([.. Folds.Select(f => f.Result.Metrics.TryGetValue(k, out var v) ? v : double.NaN)]));
}

/// <summary>Fits a fresh model on each fold of a protocol and evaluates it on that fold's test set.</summary>
public static class CrossValidation
{
    /// <summary>Runs <paramref name="create"/>'s model over every fold.</summary>
    /// <param name="create">Makes an unfitted model (called once per fold).</param>
    /// <param name="folds">The folds (see <see cref="Protocol.Folds"/>).</param>
    /// <param name="options">Evaluation options.</param>
    /// <param name="progress">Told when each fold's fit and evaluation start, and when the fold is done.</param>
    /// <param name="callbacks">Training callbacks for every fold's fit (per-epoch progress).</param>
    public static CrossValidationResult Run(Func<IRecommender> create, IEnumerable<Fold> folds, EvaluationOptions? options = null, Action<FoldProgress>? progress = null, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(folds);
        var results = new List<FoldResult>();
        string name = "model";
        var all = folds as IReadOnlyList<Fold> ?? [.. folds];
        for (int f = 0; f < all.Count; f++)
        {
            var fold = all[f];
            Check(fold);
            var model = create() ?? throw new InvalidOperationException("The model factory returned no model (null).");
            name = model.Name;
            progress?.Invoke(new FoldProgress(name, fold.Name, f, all.Count, FoldStage.Fitting));
            var epochs = new EpochRecorder();
            var clock = Stopwatch.StartNew();
            model.Fit(fold.Train, [epochs, .. callbacks ?? []]);
            double fit = clock.Elapsed.TotalSeconds;
            progress?.Invoke(new FoldProgress(name, fold.Name, f, all.Count, FoldStage.Evaluating));
            clock.Restart();
            var result = Evaluator.Evaluate(model, fold.Test, options);
            results.Add(new FoldResult(fold.Name, result, fit, clock.Elapsed.TotalSeconds, epochs.Epochs));
            progress?.Invoke(new FoldProgress(name, fold.Name, f, all.Count, FoldStage.Done));
        }

        if (results.Count == 0)
        {
            throw new ArgumentException("The protocol produced no folds.", nameof(folds));
        }

        return new CrossValidationResult(name, results);
    }

    /// <summary>A fold with an empty side is an error that says which side, before any training.</summary>
    public static void Check(Fold fold)
    {
        ArgumentNullException.ThrowIfNull(fold);
        if (fold.Train.Count == 0)
        {
            throw new ArgumentException($"Fold {fold.Name} leaves no interactions for training ({fold.Test.Count:N0} for testing); use a larger training share or more data.");
        }

        if (fold.Test.Count == 0)
        {
            throw new ArgumentException($"Fold {fold.Name} leaves no interactions for testing ({fold.Train.Count:N0} for training); use a smaller training share or more data.");
        }
    }

    private sealed class EpochRecorder : TrainingCallback
    {
        public List<EpochLog> Epochs { get; } = [];

        public override void OnEpochEnd(EpochLog log) => Epochs.Add(log);
    }
}
