using Reco.Models.Persistence;

namespace Reco.Models.Neighbourhood;

/// <summary>Saving and restoring the hyper-parameters and neighbour lists shared by the KNN models.</summary>
internal static class NeighbourListState
{
    /// <summary>A state with the KNN options and the <c>neighbours</c> and <c>similarities</c> of <paramref name="lists"/>.</summary>
    public static ModelState Export(KnnOptions options, NeighbourLists lists)
    {
        var state = new ModelState(options);
        state.Ints["neighbours"] = lists.Indices;
        state.Floats["similarities"] = lists.Similarities;
        return state;
    }

    /// <summary>Reads the neighbour lists of <paramref name="entities"/> users or items.</summary>
    public static NeighbourLists Import(ModelState state, int entities)
    {
        var index = state.Int("neighbours");
        int kept = entities == 0 ? 0 : index.Length / entities;
        ModelGuard.Length(entities * kept, index.Length, "neighbour lists");
        return new NeighbourLists(kept, index, state.Float("similarities"));
    }
}
