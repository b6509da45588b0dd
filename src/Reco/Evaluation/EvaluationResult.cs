namespace Reco.Evaluation;

/// <summary>The figures of one model on one test set.</summary>
/// <param name="Metrics">Metric name (for example <c>precision@10</c>, <c>auc</c>, <c>rmse</c>) to value.</param>
/// <param name="Users">Users whose rankings were measured.</param>
/// <param name="CandidateItems">Items that competed.</param>
public sealed record EvaluationResult(IReadOnlyDictionary<string, double> Metrics, int Users, int CandidateItems);
