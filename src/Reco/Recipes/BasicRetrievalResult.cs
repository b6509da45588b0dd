using Reco.Models.TwoTower;
using Reco.Training;

namespace Reco.Recipes;

/// <summary>What the basic-retrieval tutorial produced.</summary>
/// <param name="Model">The model trained on the training share.</param>
/// <param name="History">Loss and fit-time metrics of every epoch.</param>
/// <param name="Evaluation">Loss and factorized top-k accuracy on the held-out share.</param>
/// <param name="EvaluationSeconds">How long the evaluation took.</param>
/// <param name="TrainRows">Training ratings.</param>
/// <param name="TestRows">Held-out ratings.</param>
public sealed record BasicRetrievalResult(
    TwoTowerModel<string, string> Model,
    History History,
    IReadOnlyDictionary<string, double> Evaluation,
    double EvaluationSeconds,
    int TrainRows,
    int TestRows);
