namespace Reco.Models;

/// <summary>A model that predicts explicit ratings (on the training data's scale).</summary>
public interface IRatingPredictor : IRecommender
{
    /// <summary>The predicted rating of <paramref name="item"/> by <paramref name="user"/>.</summary>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="user"/> or <paramref name="item"/> is not in the training data.</exception>
    float Predict(int user, int item);
}
