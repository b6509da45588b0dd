namespace Reco.Models;

/// <summary>A model that predicts explicit ratings (on the training data's scale).</summary>
public interface IRatingPredictor : IRecommender
{
    /// <summary>The predicted rating of <paramref name="item"/> by <paramref name="user"/>.</summary>
    float Predict(int user, int item);
}
