namespace Reco.Layers;

/// <summary>What a <see cref="Dense"/> layer applies to its affine output.</summary>
public enum Activation
{
    /// <summary>Nothing: the layer is affine.</summary>
    Linear,

    /// <summary>max(0, x).</summary>
    Relu,
}
