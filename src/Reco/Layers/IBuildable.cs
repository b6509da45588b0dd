namespace Reco.Layers;

/// <summary>
/// A layer that makes its weights once it knows its input size, as a Keras layer's <c>build</c>: the tower
/// holding it calls <see cref="Build"/> with the width of the layer before it.
/// </summary>
public interface IBuildable
{
    /// <summary>Makes the weights for inputs of <paramref name="inputDim"/> values (a built layer only checks the size).</summary>
    void Build(int inputDim);
}
