using Reco.Data;
using Reco.Models.Persistence;

namespace Reco.Models.Factorization;

/// <summary>Saving and restoring the factor matrices and rating biases shared by the factorisation models.</summary>
internal static class FactorPersistence
{
    /// <summary>Stores the user and item factors as <c>user_factors</c> and <c>item_factors</c>.</summary>
    public static void ExportFactors(ModelState state, float[] userFactors, float[] itemFactors)
    {
        state.Floats["user_factors"] = userFactors;
        state.Floats["item_factors"] = itemFactors;
    }

    /// <summary>Reads the user and item factors, checking they fit <paramref name="train"/>'s users and items.</summary>
    public static (float[] User, float[] Item) ImportFactors(ModelState state, Interactions train, int factors)
    {
        ModelGuard.Length(train.UserCount * factors, state.Float("user_factors").Length, "user factors");
        ModelGuard.Length(train.ItemCount * factors, state.Float("item_factors").Length, "item factors");
        return (state.Float("user_factors"), state.Float("item_factors"));
    }

    /// <summary>Stores the user and item biases and the rating scale (mean, minimum, maximum).</summary>
    public static void ExportBiases(ModelState state, float[] userBias, float[] itemBias, float mean, float min, float max)
    {
        state.Floats["user_bias"] = userBias;
        state.Floats["item_bias"] = itemBias;
        state.Floats["scale"] = [mean, min, max];
    }

    /// <summary>Reads what <see cref="ExportBiases"/> stored.</summary>
    public static (float[] UserBias, float[] ItemBias, float Mean, float Min, float Max) ImportBiases(ModelState state)
    {
        var userBias = state.Float("user_bias");
        var itemBias = state.Float("item_bias");
        var scale = state.Float("scale");
        return (userBias, itemBias, scale[0], scale[1], scale[2]);
    }
}
