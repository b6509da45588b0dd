using Reco.Data;
using Reco.Models.Options;
using Reco.Models.Persistence;
using Reco.Training;

namespace Reco.Models.Baselines;

/// <summary>
/// Most-popular baseline (MyMediaLite's <c>MostPopular</c>): every user gets the same ranking, by the
/// number of training interactions of each item, or by the sum of their ratings when rating-weighted.
/// </summary>
public sealed class Popularity : IPersistentRecommender
{
    private float[] _scores = [];

    /// <summary>Creates the baseline.</summary>
    public Popularity(PopularityOptions? options = null)
    {
        Options = ModelOptions.Checked(options, "popularity");
    }

    /// <summary>The hyper-parameters.</summary>
    public PopularityOptions Options { get; }

    /// <inheritdoc/>
    public string Name => "popularity";

    /// <summary>Whether items are ranked by summed ratings.</summary>
    public bool RatingWeighted => Options.Weighted;

    /// <inheritdoc/>
    public Interactions? TrainingData { get; private set; }

    /// <summary>The popularity of each item after fitting.</summary>
    public ReadOnlySpan<float> ItemScores => _scores;

    /// <inheritdoc/>
    public void Fit(Interactions train, IEnumerable<TrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        var scores = new float[train.ItemCount];
        var items = train.ItemIndices;
        for (int i = 0; i < items.Length; i++)
        {
            scores[items[i]] += RatingWeighted ? train.RatingAt(i) : 1f;
        }

        _scores = scores;
        TrainingData = train;
    }

    /// <inheritdoc/>
    public void ScoreItems(int user, Span<float> scores)
    {
        var train = ModelGuard.Fitted(TrainingData, Name);
        ModelGuard.Scores(train, user, scores);
        _scores.CopyTo(scores);
    }

    /// <inheritdoc/>
    public ModelState ExportState()
    {
        var state = new ModelState(Options);
        state.Floats["item_scores"] = _scores;
        return state;
    }

    /// <inheritdoc/>
    public void ImportState(ModelState state, Interactions train)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(train);
        ModelGuard.Length(train.ItemCount, state.Float("item_scores").Length, "item scores");
        _scores = state.Float("item_scores");
        TrainingData = train;
    }
}
