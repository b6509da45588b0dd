namespace Reco.Training;

/// <summary>Training stopped because the loss or a weight stopped being a finite number (usually: the learning rate is too high).</summary>
public sealed class TrainingDivergedException(string message) : Exception(message)
{
}
