using Reco.Models.TwoTower;
using Reco.Recipes.Tutorials;
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
    int TestRows)
{
    /// <summary>The run as a tutorial result with its one model, as the other tutorials report theirs (for <see cref="SeedSweep"/>).</summary>
    public TutorialResult AsTutorialResult() =>
        new("basic-retrieval", Evaluation, [new TutorialRow("two-tower (user id → title)", Evaluation, 1, History.Epochs.Count, TutorialData.SecondsPerEpoch(History), History)], TrainRows, TestRows);
}
