using Reco.Data;
using Reco.Models.Baselines;
using Reco.Models.Persistence;

namespace Reco.Models.Neighbourhood;

/// <summary>
/// The reference a neighbourhood model measures ratings against: nothing, the rater's mean (the item's
/// for item-KNN, the user's for user-KNN), or the baseline μ + b_u + b_i.
/// </summary>
internal sealed class RatingCentre
{
    private readonly Centring _centering;
    private readonly bool _itemMeans;
    private float[] _means = [];
    private float[] _userBias = [];
    private float[] _itemBias = [];
    private float _userReg;

    public RatingCentre(Centring centering, bool itemMeans)
    {
        _centering = centering;
        _itemMeans = itemMeans;
    }

    public float Global { get; private set; }

    public float Min { get; private set; }

    public float Max { get; private set; }

    public void Fit(Interactions train, int baselineEpochs, float userReg, float itemReg)
    {
        Global = MeanRating.Means(train, _itemMeans ? train.ItemIndices : train.UserIndices, _itemMeans ? train.ItemCount : train.UserCount, out _means);
        (Min, Max) = (float.MaxValue, float.MinValue);
        for (int row = 0; row < train.Count; row++)
        {
            Min = Math.Min(Min, train.RatingAt(row));
            Max = Math.Max(Max, train.RatingAt(row));
        }

        if (_centering == Centring.Baseline)
        {
            var baseline = new BaselineBiases(new Baselines.BaselineOptions { Epochs = baselineEpochs, UserRegularisation = userReg, ItemRegularisation = itemReg });
            baseline.Fit(train);
            _userBias = baseline.UserBiases.ToArray();
            _itemBias = baseline.ItemBiases.ToArray();
            _userReg = userReg;
        }
    }

    /// <summary>The reference for (user, item); <paramref name="userBias"/> overrides b_u (fold-in).</summary>
    public float Of(int user, int item, float? userBias = null) => _centering switch
    {
        Centring.Means => _means[_itemMeans ? item : user],
        Centring.Baseline => Global + (userBias ?? _userBias[user]) + _itemBias[item],
        _ => 0f,
    };

    /// <summary>
    /// The reference plus the weighted mean deviation <paramref name="num"/> / <paramref name="den"/> of the
    /// neighbours (the fallback when none helped), clamped to the training ratings' range.
    /// </summary>
    public float Predict(int user, int item, double num, double den)
    {
        float prediction = den > 0 ? Of(user, item) + (float)(num / den) : Fallback(user, item);
        return Math.Clamp(prediction, Min, Max);
    }

    /// <summary>The prediction when no neighbour helps.</summary>
    public float Fallback(int user, int item, float? userBias = null) => _centering == Centring.None ? Global : Of(user, item, userBias);

    /// <summary>The mean (Means) or bias (Baseline) of a new user; unused otherwise.</summary>
    public float NewUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings)
    {
        double sum = 0;
        for (int k = 0; k < items.Length; k++)
        {
            float r = ratings.IsEmpty ? 1f : ratings[k];
            sum += _centering == Centring.Baseline ? r - Global - _itemBias[items[k]] : r;
        }

        return _centering == Centring.Baseline ? (float)(sum / (_userReg + items.Length))
            : items.IsEmpty ? Global : (float)(sum / items.Length);
    }

    public void Export(ModelState state)
    {
        state.Floats["centre_scalars"] = [Global, Min, Max, _userReg];
        state.Floats["centre_means"] = _means;
        state.Floats["centre_user_bias"] = _userBias;
        state.Floats["centre_item_bias"] = _itemBias;
    }

    public void Import(ModelState state)
    {
        var s = state.Float("centre_scalars");
        (Global, Min, Max, _userReg) = (s[0], s[1], s[2], s[3]);
        _means = state.Float("centre_means");
        _userBias = state.Float("centre_user_bias");
        _itemBias = state.Float("centre_item_bias");
    }
}
