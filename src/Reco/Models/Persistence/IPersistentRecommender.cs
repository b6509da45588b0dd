using Reco.Data;

namespace Reco.Models.Persistence;

/// <summary>A model whose fitted parameters can be exported and restored (see <see cref="Serialization.RecommenderFile"/>).</summary>
public interface IPersistentRecommender : IRecommender
{
    /// <summary>The fitted parameters and hyper-parameters.</summary>
    ModelState ExportState();

    /// <summary>Restores a model created from the same hyper-parameters to its fitted state over <paramref name="train"/>.</summary>
    void ImportState(ModelState state, Interactions train);
}
