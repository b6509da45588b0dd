using Reco.Models.TwoTower;
using Reco.Training;

namespace Reco.Recipes;

/// <summary>What the quickstart produced.</summary>
/// <param name="Model">The trained model (a recommender: it can be saved, evaluated and served).</param>
/// <param name="History">Loss and fit-time metrics of every epoch.</param>
/// <param name="Evaluation">Loss and factorized top-k accuracy over all the ratings after training.</param>
/// <param name="EvaluationSeconds">How long the evaluation took.</param>
/// <param name="User">The user recommended for.</param>
/// <param name="Recommendations">Their top items (labels), best first.</param>
/// <param name="UserKnown">Whether the user is in the vocabulary; if not, the answer comes from the untrained out-of-vocabulary embedding, as in TFRS.</param>
/// <param name="Ratings">Ratings trained and evaluated on.</param>
public sealed record QuickstartResult(
    TwoTowerModel<string, string> Model,
    History History,
    IReadOnlyDictionary<string, double> Evaluation,
    double EvaluationSeconds,
    string User,
    IReadOnlyList<string> Recommendations,
    bool UserKnown,
    int Ratings);
