using System.Globalization;
using System.Numerics.Tensors;
using Reco.Optimizers;

namespace Reco.Layers;

/// <summary>
/// Scales each row to unit length, y = x / ‖x‖ (rows of length below 1e-12 are divided by 1e-12), as
/// <c>tf.math.l2_normalize</c> at the end of a tower: dot products of the outputs are then cosines, and the
/// retrieval task's temperature sets how sharp the softmax over them is.
/// </summary>
public sealed class L2Normalize : ILayer, IBuildable
{
    internal const string TypeName = "l2_normalize";
    private const float MinimumNorm = 1e-12f;

    private float[] _outputs = [];
    private float[] _norms = [];
    private int _batch;

    /// <inheritdoc/>
    public int InputDim { get; private set; }

    /// <inheritdoc/>
    public int OutputDim => InputDim;

    /// <inheritdoc/>
    public IReadOnlyList<Variable> Variables => [];

    /// <inheritdoc/>
    public LayerConfig Config => new(TypeName, new Dictionary<string, string> { ["input_dim"] = InputDim.ToString(CultureInfo.InvariantCulture) });

    /// <inheritdoc/>
    public void Build(int inputDim)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        if (InputDim != 0 && InputDim != inputDim)
        {
            throw new ArgumentException($"This normalisation takes {InputDim} values per row, not {inputDim}.", nameof(inputDim));
        }

        InputDim = inputDim;
    }

    /// <inheritdoc/>
    public void Call(ReadOnlySpan<float> inputs, int batch, Span<float> outputs)
    {
        int n = InputDim;
        for (int r = 0; r < batch; r++)
        {
            var x = inputs.Slice(r * n, n);
            float norm = Math.Max(TensorPrimitives.Norm(x), MinimumNorm);
            TensorPrimitives.Multiply(x, 1f / norm, outputs.Slice(r * n, n));
        }
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<float> inputs, int batch, Span<float> outputs)
    {
        int n = InputDim;
        _batch = batch;
        Towers.Grow(ref _outputs, batch * n);
        Towers.Grow(ref _norms, batch);
        for (int r = 0; r < batch; r++)
        {
            var x = inputs.Slice(r * n, n);
            _norms[r] = Math.Max(TensorPrimitives.Norm(x), MinimumNorm);
            TensorPrimitives.Multiply(x, 1f / _norms[r], outputs.Slice(r * n, n));
        }

        outputs[..(batch * n)].CopyTo(_outputs);
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Optimizer optimizer)
    {
        if (inputGradient.IsEmpty)
        {
            return;
        }

        // ∂x = (∂y − y·(y·∂y)) / ‖x‖.
        int n = InputDim;
        for (int r = 0; r < _batch; r++)
        {
            var y = _outputs.AsSpan(r * n, n);
            var dy = outputGradient.Slice(r * n, n);
            var dx = inputGradient.Slice(r * n, n);
            float dot = TensorPrimitives.Dot(y, dy);
            TensorPrimitives.MultiplyAdd(y, -dot, dy, dx);
            TensorPrimitives.Multiply(dx, 1f / _norms[r], dx);
        }
    }

    internal static L2Normalize FromConfig(LayerConfig config)
    {
        var layer = new L2Normalize();
        layer.Build(config.Int("input_dim"));
        return layer;
    }
}
