using Reco.Models.Persistence;

namespace Reco.Models.Neighbourhood;

/// <summary>
/// Saving and restoring the hyper-parameters and neighbour lists shared by the KNN models: compressed rows
/// (<c>neighbour_starts</c>, <c>neighbours</c>, <c>similarities</c>); models saved with k lists per entity padded
/// with −1 still load.
/// </summary>
internal static class NeighbourListState
{
    /// <summary>A state with the KNN options and the <c>neighbours</c> and <c>similarities</c> of <paramref name="lists"/>.</summary>
    public static ModelState Export(KnnOptions options, NeighbourLists lists)
    {
        var state = new ModelState(options);
        state.Ints["neighbour_starts"] = lists.Starts;
        state.Ints["neighbours"] = lists.Indices;
        state.Floats["similarities"] = lists.Similarities;
        state.Ints["neighbours_kept"] = [lists.K];
        return state;
    }

    /// <summary>Reads the neighbour lists of <paramref name="entities"/> users or items.</summary>
    public static NeighbourLists Import(ModelState state, int entities)
    {
        var index = state.Int("neighbours");
        var similarities = state.Float("similarities");
        ModelGuard.Length(index.Length, similarities.Length, "neighbour similarities");
        if (!state.Ints.TryGetValue("neighbour_starts", out var start))
        {
            // Saved before the lists were compressed: k per entity, padded with −1.
            int kept = entities == 0 ? 0 : index.Length / entities;
            ModelGuard.Length(entities * kept, index.Length, "neighbour lists");
            return NeighbourLists.FromPadded(kept, index, similarities);
        }

        ModelGuard.Length(entities + 1, start.Length, "neighbour list starts");
        for (int e = 0; e < entities; e++)
        {
            if (start[e] < 0 || start[e] > start[e + 1] || start[e + 1] > index.Length)
            {
                throw new InvalidDataException("The saved neighbour lists are inconsistent; save the model again.");
            }
        }

        foreach (int neighbour in index)
        {
            if ((uint)neighbour >= (uint)entities)
            {
                throw new InvalidDataException("A saved neighbour list names an entity the model does not have; save the model again.");
            }
        }

        int k = state.Ints.TryGetValue("neighbours_kept", out var keptValue) && keptValue.Length == 1 ? keptValue[0] : entities;
        return new NeighbourLists(k, start, index, similarities);
    }
}
