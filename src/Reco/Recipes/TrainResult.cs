using Reco.Evaluation.Protocols;
using Reco.Models;
using Reco.Training;

namespace Reco.Recipes;

/// <summary>What <see cref="TrainAndEvaluate"/> produced.</summary>
/// <param name="Model">The fitted model.</param>
/// <param name="Fold">The training and test shares, or null when the model was fitted on all the data.</param>
/// <param name="Metrics">The evaluation on the test share, or null without one.</param>
/// <param name="TrainSeconds">Fitting time.</param>
/// <param name="EvaluationSeconds">Evaluation time.</param>
/// <param name="Epochs">The per-epoch logs of iterative models.</param>
public sealed record TrainResult(IRecommender Model, Fold? Fold, IReadOnlyDictionary<string, double>? Metrics, double TrainSeconds, double EvaluationSeconds, IReadOnlyList<EpochLog> Epochs);
