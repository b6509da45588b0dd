using System.Diagnostics;
using Reco.Data;
using Reco.Evaluation;
using Reco.Evaluation.Protocols;
using Reco.Models;
using Reco.Training;

namespace Reco.Recipes;

/// <summary>
/// Fits one algorithm and measures it on held-out data: the data split by a single-fold protocol (by
/// default a seeded random 80/20), the model fitted on the training share and evaluated on the test share
/// with every metric of <see cref="Evaluator"/>; or, with the split <c>none</c>, fitted on all the data for
/// deployment, with nothing held out. Models that use side features (<see cref="IUsesFeatures"/>) get the data
/// set's user and item feature tables.
/// </summary>
public static class TrainAndEvaluate
{
    /// <summary>The split that fits on all the data.</summary>
    public const string NoSplit = "none";

    /// <summary>How a training run is measured by default: every metric at k = 10, diversity over the data's category vectors.</summary>
    /// <param name="data">The data.</param>
    public static EvaluationOptions Evaluation(DataSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new EvaluationOptions { Ks = [10], ItemVectors = data.CategoryVectors };
    }

    /// <summary>Runs it.</summary>
    /// <param name="data">The data.</param>
    /// <param name="algorithm">The algorithm and its options.</param>
    /// <param name="split">A single-fold protocol (<c>random:0.8</c>, <c>stratified:0.75</c>, <c>temporal:0.8</c>, <c>leave-last:1</c>, a predefined fold) or <see cref="NoSplit"/>.</param>
    /// <param name="seed">Seed of the split.</param>
    /// <param name="evaluation">How to measure; by default every metric at k = 10.</param>
    /// <param name="callbacks">Progress hooks for fitting.</param>
    public static TrainResult Run(DataSet data, AlgorithmOptions algorithm, string split = "random:0.8", int seed = 42, EvaluationOptions? evaluation = null, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(split);
        Fold? fold = null;
        if (!string.Equals(split.Trim(), NoSplit, StringComparison.OrdinalIgnoreCase))
        {
            var folds = Protocol.Parse(split, seed).Folds(data.Interactions, data.PredefinedFolds).ToArray();
            if (folds.Length != 1)
            {
                throw new ArgumentException($"Training holds out one test share; protocol {split} makes {folds.Length} folds (use reco evaluate or reco compare for several).");
            }

            fold = folds[0];
            CrossValidation.Check(fold);
        }

        algorithm.Algorithm.EnsureFits(algorithm, data.Interactions);
        var model = algorithm.Algorithm.Create(algorithm, data);

        var epochs = new EpochRecorder();
        var clock = Stopwatch.StartNew();
        model.Fit(fold?.Train ?? data.Interactions, [epochs, .. callbacks ?? []]);
        double trainSeconds = clock.Elapsed.TotalSeconds;
        if (fold is null)
        {
            return new TrainResult(model, null, null, trainSeconds, 0, epochs.Epochs);
        }

        clock.Restart();
        var metrics = Evaluator.Evaluate(model, fold.Test, evaluation ?? Evaluation(data)).Metrics;
        return new TrainResult(model, fold, metrics, trainSeconds, clock.Elapsed.TotalSeconds, epochs.Epochs);
    }

    private sealed class EpochRecorder : TrainingCallback
    {
        public List<EpochLog> Epochs { get; } = [];

        public override void OnEpochEnd(EpochLog log) => Epochs.Add(log);
    }
}
