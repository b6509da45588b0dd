using Reco.Training;

namespace Reco.Recipes.Tutorials;

/// <summary>What a TFRS tutorial recipe measured.</summary>
/// <param name="Tutorial">The tutorial's name (<c>basic-ranking</c>, <c>dcn</c>, …).</param>
/// <param name="Metrics">The headline figures on the test share, keyed as everywhere (<c>rmse</c>, <c>factorized_top_k@100</c>, <c>ndcg@5</c>).</param>
/// <param name="Rows">Every model the tutorial trains (its variants side by side), with its figures.</param>
/// <param name="TrainRows">Training examples (ratings, lists or sequences).</param>
/// <param name="TestRows">Test examples.</param>
public sealed record TutorialResult(string Tutorial, IReadOnlyDictionary<string, double> Metrics, IReadOnlyList<TutorialRow> Rows, int TrainRows, int TestRows);

/// <summary>One model of a tutorial.</summary>
/// <param name="Name">What it is (for example <c>DCN (low-rank, r = 20)</c>).</param>
/// <param name="Metrics">Its figures on the test share (means over runs where it ran several times, with <c>_std</c> companions).</param>
/// <param name="Runs">How many times it was trained.</param>
/// <param name="Epochs">Epochs of each run.</param>
/// <param name="SecondsPerEpoch">Mean training time of an epoch.</param>
/// <param name="History">The last run's per-epoch logs.</param>
public sealed record TutorialRow(string Name, IReadOnlyDictionary<string, double> Metrics, int Runs, int Epochs, double SecondsPerEpoch, History? History);
