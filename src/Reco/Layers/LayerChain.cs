using Reco.Optimizers;

namespace Reco.Layers;

/// <summary>
/// Runs a list of <see cref="ILayer"/>s one after another with reused buffers: the part of a tower after its
/// inputs are embedded (dense layers, cross layers). Builds each buildable layer for the width before it.
/// </summary>
internal sealed class LayerChain
{
    private readonly ILayer[] _layers;
    private float[][] _activations = [];
    private float[][] _gradients = [];
    private int _batch;

    public LayerChain(int inputDim, IEnumerable<ILayer> layers, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = [.. layers];
        int width = inputDim;
        foreach (var layer in _layers)
        {
            ArgumentNullException.ThrowIfNull(layer, parameterName);
            if (layer is IBuildable buildable)
            {
                buildable.Build(width);
            }

            if (layer.InputDim != width)
            {
                throw new ArgumentException($"A layer takes {layer.InputDim} values per row but the layer before it gives {width}.", parameterName);
            }

            width = layer.OutputDim;
        }

        InputDim = inputDim;
        OutputDim = width;
    }

    public int InputDim { get; }

    public int OutputDim { get; }

    public IReadOnlyList<ILayer> Layers => _layers;

    public IEnumerable<Variable> Variables => _layers.SelectMany(l => l.Variables);

    /// <summary>Inference: <paramref name="inputs"/> (batch × InputDim) to <paramref name="outputs"/> (batch × OutputDim), allocating its own temporaries.</summary>
    public void Call(ReadOnlySpan<float> inputs, int batch, Span<float> outputs)
    {
        if (_layers.Length == 0)
        {
            inputs[..(batch * InputDim)].CopyTo(outputs);
            return;
        }

        ReadOnlySpan<float> current = inputs;
        for (int l = 0; l < _layers.Length; l++)
        {
            var layer = _layers[l];
            if (l == _layers.Length - 1)
            {
                layer.Call(current, batch, outputs);
            }
            else
            {
                var next = new float[batch * layer.OutputDim];
                layer.Call(current, batch, next);
                current = next;
            }
        }
    }

    /// <summary>Training forward pass; the inputs are copied, so the caller may reuse its buffer.</summary>
    public void Forward(ReadOnlySpan<float> inputs, int batch, Span<float> outputs)
    {
        _batch = batch;
        if (_layers.Length == 0)
        {
            inputs[..(batch * InputDim)].CopyTo(outputs);
            return;
        }

        EnsureBuffers(batch);
        inputs[..(batch * InputDim)].CopyTo(_activations[0]);
        for (int l = 0; l < _layers.Length; l++)
        {
            Span<float> output = l == _layers.Length - 1 ? outputs : _activations[l + 1];
            _layers[l].Forward(_activations[l], batch, output);
        }
    }

    /// <summary>Back-propagates ∂loss/∂outputs of the last <see cref="Forward"/>, updating every layer; returns ∂loss/∂inputs.</summary>
    public ReadOnlySpan<float> Backward(ReadOnlySpan<float> outputGradient, Optimizer optimizer)
    {
        int b = _batch;
        var gradient = outputGradient[..(b * OutputDim)];
        for (int l = _layers.Length - 1; l >= 0; l--)
        {
            var inputGradient = _gradients[l].AsSpan(0, b * _layers[l].InputDim);
            _layers[l].Backward(gradient, inputGradient, optimizer);
            gradient = inputGradient;
        }

        return gradient;
    }

    private void EnsureBuffers(int b)
    {
        if (_activations.Length == 0)
        {
            _activations = new float[_layers.Length][];
            _gradients = new float[_layers.Length][];
        }

        for (int l = 0; l < _layers.Length; l++)
        {
            int width = _layers[l].InputDim;
            if ((_activations[l]?.Length ?? 0) < b * width)
            {
                _activations[l] = new float[b * width];
                _gradients[l] = new float[b * width];
            }
        }
    }
}
