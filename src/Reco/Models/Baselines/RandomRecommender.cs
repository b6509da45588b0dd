using Reco.Data;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Baselines;

/// <summary>
/// Random scores: the floor every model must beat. Scores depend only on the seed and the user, so
/// the same user always gets the same ranking.
/// </summary>
/// <param name="options">The seed.</param>
public sealed class RandomRecommender(RandomOptions? options = null) : IPersistentRecommender
{
    /// <summary>The hyper-parameters.</summary>
    public RandomOptions Options { get; } = ModelOptions.Checked(options, "random");

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
        ModelGuard.Scores(train, user, scores);
        // HashCode.Combine is randomised per process; the same seed must give the same scores in every run.
        ulong mixed = ((ulong)(uint)Options.Seed << 32) | (uint)user;
        mixed = (mixed ^ (mixed >> 30)) * 0xbf58476d1ce4e5b9UL;
        mixed = (mixed ^ (mixed >> 27)) * 0x94d049bb133111ebUL;
        var random = new Random((int)(mixed ^ (mixed >> 31)));
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = random.NextSingle();
        }
    }

    /// <inheritdoc/>
    public ModelState ExportState() => new(Options);

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train) => Fit(train);
}
