using Reco.Data;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Baselines;

/// <summary>
/// Random scores: the floor every model must beat. Scores depend only on the seed and the user, so
/// the same user always gets the same ranking.
/// </summary>
/// <param name="seed">Seed of the scores.</param>
public sealed class RandomRecommender(int seed = 42) : IPersistentRecommender
{
    /// <inheritdoc/>
    public string Name => "random";

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        TrainingData = train;
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, scores);
        var random = new Random(HashCode.Combine(seed, user));
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = random.NextSingle();
        }
    }

    /// <inheritdoc/>
    public ModelState ExportState() => new ModelState().Option("seed", seed);

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train) => Fit(train);
}
