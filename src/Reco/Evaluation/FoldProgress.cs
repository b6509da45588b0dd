namespace Reco.Evaluation;

/// <summary>Where a cross-validation run is.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Fold">The fold's name.</param>
/// <param name="Index">The fold's position (0-based).</param>
/// <param name="Count">How many folds.</param>
/// <param name="Stage">What is happening.</param>
public sealed record FoldProgress(string Model, string Fold, int Index, int Count, FoldStage Stage);

/// <summary>The stages of one fold.</summary>
public enum FoldStage
{
    /// <summary>The model is being fitted on the training share.</summary>
    Fitting,

    /// <summary>The fitted model is being measured on the test share.</summary>
    Evaluating,

    /// <summary>The fold is done.</summary>
    Done,
}
