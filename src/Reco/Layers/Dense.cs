using System.Globalization;
using Reco.Numerics;
using Reco.Optimizers;

namespace Reco.Layers;

/// <summary>
/// A fully connected layer, <c>tf.keras.layers.Dense(units, activation)</c>: outputs = activation(inputs · kernel + bias).
/// The kernel starts Glorot-uniform (the Keras default), the bias at 0. Like Keras, it learns its input
/// size from the layer before it when a <see cref="Sequential{TInput}"/> is built.
/// </summary>
public sealed class Dense : ILayer, IBuildable
{
    internal const string TypeName = "dense";

    private readonly int? _seed;
    private Variable? _kernel;
    private Variable? _bias;
    private float[] _inputs = [];
    private float[] _outputs = [];
    private float[] _kernelT = [];
    private float[] _dz = [];
    private float[] _dKernel = [];
    private int _batch;

    /// <summary>Creates the layer; its weights are made when its input size is known.</summary>
    /// <param name="units">Output values per row.</param>
    /// <param name="activation">Applied to the affine output.</param>
    /// <param name="seed">Seed of the initial kernel; by default the next one from <see cref="RandomSeed"/> when built.</param>
    public Dense(int units, Activation activation = Activation.Linear, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        OutputDim = units;
        Activation = activation;
        _seed = seed;
    }

    /// <summary>Creates a built layer from existing weights (kernel row-major, <c>inputDim × units</c>).</summary>
    public Dense(int inputDim, int units, Activation activation, float[] kernel, float[] bias)
        : this(units, activation)
    {
        _kernel = new Variable("kernel", inputDim, units, kernel);
        _bias = new Variable("bias", 1, units, bias);
    }

    /// <inheritdoc/>
    public int InputDim => _kernel?.Rows ?? 0;

    /// <inheritdoc/>
    public int OutputDim { get; }

    /// <summary>The activation.</summary>
    public Activation Activation { get; }

    /// <summary>Whether the weights exist (the input size is known).</summary>
    public bool IsBuilt => _kernel is not null;

    /// <summary>The kernel, <see cref="InputDim"/> × <see cref="OutputDim"/>.</summary>
    public Variable Kernel => _kernel ?? throw NotBuilt();

    /// <summary>The bias, one row of <see cref="OutputDim"/>.</summary>
    public Variable Bias => _bias ?? throw NotBuilt();

    /// <inheritdoc/>
    public IReadOnlyList<Variable> Variables => _kernel is null ? [] : [_kernel, _bias!];

    /// <inheritdoc/>
    public LayerConfig Config => new(TypeName, new Dictionary<string, string>
    {
        ["input_dim"] = InputDim.ToString(CultureInfo.InvariantCulture),
        ["units"] = OutputDim.ToString(CultureInfo.InvariantCulture),
        ["activation"] = Activation.ToString().ToLowerInvariant(),
    });

    /// <summary>Makes the weights for inputs of <paramref name="inputDim"/> values (done once, by the model holding the layer).</summary>
    public void Build(int inputDim)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        if (_kernel is not null)
        {
            if (_kernel.Rows != inputDim)
            {
                throw new ArgumentException($"This dense layer takes {_kernel.Rows} values per row, not {inputDim}.", nameof(inputDim));
            }

            return;
        }

        var random = new Random(_seed ?? RandomSeed.Next());
        double limit = Math.Sqrt(6.0 / (inputDim + OutputDim));
        var kernel = WeightArrays.New(inputDim, OutputDim, "A dense layer's kernel");
        for (int i = 0; i < kernel.Length; i++)
        {
            kernel[i] = (float)(((random.NextDouble() * 2.0) - 1.0) * limit);
        }

        _kernel = new Variable("kernel", inputDim, OutputDim, kernel);
        _bias = new Variable("bias", 1, OutputDim, new float[OutputDim]);
    }

    /// <inheritdoc/>
    public void Call(ReadOnlySpan<float> inputs, int batch, Span<float> outputs) => Compute(inputs, batch, outputs);

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<float> inputs, int batch, Span<float> outputs)
    {
        Compute(inputs, batch, outputs);
        Grow(ref _inputs, batch * InputDim);
        Grow(ref _outputs, batch * OutputDim);
        inputs[..(batch * InputDim)].CopyTo(_inputs);
        outputs[..(batch * OutputDim)].CopyTo(_outputs);
        _batch = batch;
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var kernel = Kernel;
        int b = _batch, n = InputDim, u = OutputDim;
        if (outputGradient.Length < b * u)
        {
            throw new ArgumentException("One gradient row per output row of the last Forward is needed.", nameof(outputGradient));
        }

        // ∂loss/∂z: the output gradient where the activation let the value through.
        Grow(ref _dz, b * u);
        var dz = _dz.AsSpan(0, b * u);
        outputGradient[..(b * u)].CopyTo(dz);
        if (Activation == Activation.Relu)
        {
            for (int i = 0; i < dz.Length; i++)
            {
                if (_outputs[i] <= 0f)
                {
                    dz[i] = 0f;
                }
            }
        }

        // ∂loss/∂inputs = dz · kernelᵀ, with the kernel before this step's update.
        if (!inputGradient.IsEmpty)
        {
            Grow(ref _kernelT, n * u);
            var k = kernel.Array;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < u; j++)
                {
                    _kernelT[(j * n) + i] = k[(i * u) + j];
                }
            }

            Gemm.MultiplyParallel(b, n, u, dz, u, 1, _kernelT, n, inputGradient, n, accumulate: false);
        }

        // ∂loss/∂kernel = inputsᵀ · dz; ∂loss/∂bias = the column sums of dz.
        Grow(ref _dKernel, n * u);
        Gemm.MultiplyParallel(n, u, b, _inputs, 1, n, dz, u, _dKernel, u, accumulate: false);
        var dBias = new float[u];
        for (int r = 0; r < b; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(dBias, dz.Slice(r * u, u), dBias);
        }

        optimizer.ApplyDense(kernel, _dKernel.AsSpan(0, n * u));
        optimizer.ApplyDense(Bias, dBias);
    }

    internal static Dense FromConfig(LayerConfig config, Func<string, float[]> variable)
    {
        int inputDim = config.Int("input_dim");
        int units = config.Int("units");
        var activation = config.Text("activation") switch
        {
            "linear" => Activation.Linear,
            "relu" => Activation.Relu,
            var other => throw new InvalidDataException($"'{other}' is not an activation this version knows."),
        };
        return new Dense(inputDim, units, activation, variable("kernel"), variable("bias"));
    }

    private void Compute(ReadOnlySpan<float> inputs, int batch, Span<float> outputs)
    {
        var kernel = Kernel;
        int n = InputDim, u = OutputDim;
        if (inputs.Length < batch * n || outputs.Length < batch * u)
        {
            throw new ArgumentException($"Expected {batch} rows of {n} inputs and room for {batch} rows of {u} outputs.");
        }

        Gemm.MultiplyParallel(batch, u, n, inputs, n, 1, kernel.Array, u, outputs, u, accumulate: false);
        var bias = _bias!.Array;
        for (int r = 0; r < batch; r++)
        {
            var row = outputs.Slice(r * u, u);
            System.Numerics.Tensors.TensorPrimitives.Add(row, bias, row);
            if (Activation == Activation.Relu)
            {
                System.Numerics.Tensors.TensorPrimitives.Max(row, 0f, row);
            }
        }
    }

    private static InvalidOperationException NotBuilt() => new("The dense layer has no weights yet: add it to a tower so it learns its input size.");

    private static void Grow(ref float[] array, int length)
    {
        if (array.Length < length)
        {
            array = new float[length];
        }
    }
}
