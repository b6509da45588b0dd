using Reco.Data;

namespace Reco.Evaluation.Protocols;

/// <summary>One train/test split of a protocol.</summary>
/// <param name="Name">For reports (for example <c>u1</c> or <c>fold 3/5</c>).</param>
/// <param name="Train">What the model is fitted on.</param>
/// <param name="Test">What it is evaluated on.</param>
public sealed record Fold(string Name, Interactions Train, Interactions Test);
