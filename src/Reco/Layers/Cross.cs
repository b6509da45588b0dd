using System.Globalization;
using System.Numerics.Tensors;
using Reco.Numerics;
using Reco.Optimizers;

namespace Reco.Layers;

/// <summary>
/// The cross layer of DCN-V2, TFRS's <c>tfrs.layers.dcn.Cross</c>: y = x₀ ⊙ (x·W + b) + x, which learns
/// explicit feature crosses of its input x₀. With a projection dimension r the kernel is low-rank,
/// W = U·V (U: n×r without bias, V: r×n), which costs 2nr instead of n² weights. A <see cref="Depth"/>
/// above 1 stacks that many cross layers, each crossing with the same x₀
/// (x_{l+1} = x₀ ⊙ (x_l·W_l + b_l) + x_l). Kernels start Glorot-uniform, biases at 0.
/// </summary>
public sealed class Cross : ILayer, IBuildable
{
    internal const string TypeName = "cross";

    private readonly int? _seed;
    private Level[] _levels = [];
    private int _inputDim;
    private int _batch;
    private float[] _x0 = [];
    private float[][] _xs = [];
    private float[][] _ps = [];
    private float[][] _hs = [];
    private float[] _dx = [];
    private float[] _dp = [];
    private float[] _dh = [];
    private float[] _transposed = [];
    private float[] _dKernel = [];

    /// <summary>Creates the layer; its weights are made when its input size is known.</summary>
    /// <param name="projectionDim">The rank r of a low-rank kernel, or null for a full n×n kernel.</param>
    /// <param name="depth">How many cross layers to stack on the same x₀.</param>
    /// <param name="seed">Seed of the initial kernels; by default the next one from <see cref="RandomSeed"/> when built.</param>
    public Cross(int? projectionDim = null, int depth = 1, int? seed = null)
    {
        if (projectionDim is { } r)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(r, 1, nameof(projectionDim));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ProjectionDim = projectionDim;
        Depth = depth;
        _seed = seed;
    }

    /// <summary>The rank of a low-rank kernel, or null for full rank.</summary>
    public int? ProjectionDim { get; }

    /// <summary>Cross layers stacked on the same x₀.</summary>
    public int Depth { get; }

    /// <inheritdoc/>
    public int InputDim => _inputDim;

    /// <inheritdoc/>
    public int OutputDim => _inputDim;

    /// <summary>Whether the weights exist.</summary>
    public bool IsBuilt => _levels.Length > 0;

    /// <inheritdoc/>
    public IReadOnlyList<Variable> Variables => [.. _levels.SelectMany(l => l.Variables)];

    /// <summary>Level <paramref name="level"/>'s full kernel W (n×n), or null for a low-rank layer.</summary>
    public Variable? Kernel(int level = 0) => _levels[level].W;

    /// <inheritdoc/>
    public LayerConfig Config => new(TypeName, new Dictionary<string, string>
    {
        ["input_dim"] = InputDim.ToString(CultureInfo.InvariantCulture),
        ["projection_dim"] = ProjectionDim?.ToString(CultureInfo.InvariantCulture) ?? "none",
        ["depth"] = Depth.ToString(CultureInfo.InvariantCulture),
    });

    /// <inheritdoc/>
    public void Build(int inputDim)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        if (IsBuilt)
        {
            if (inputDim != _inputDim)
            {
                throw new ArgumentException($"This cross layer takes {_inputDim} values per row, not {inputDim}.", nameof(inputDim));
            }

            return;
        }

        var random = new Random(_seed ?? RandomSeed.Next());
        _inputDim = inputDim;
        _levels = new Level[Depth];
        for (int l = 0; l < Depth; l++)
        {
            string suffix = Depth == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"_{l}");
            var bias = new Variable("bias" + suffix, 1, inputDim, new float[inputDim]);
            _levels[l] = ProjectionDim is { } r
                ? new Level(null, new Variable("u_kernel" + suffix, inputDim, r, Glorot(random, inputDim, r)), new Variable("v_kernel" + suffix, r, inputDim, Glorot(random, r, inputDim)), bias)
                : new Level(new Variable("kernel" + suffix, inputDim, inputDim, Glorot(random, inputDim, inputDim)), null, null, bias);
        }
    }

    /// <summary>Sets every weight from <paramref name="variable"/> by name (a rebuilt layer of a saved model).</summary>
    internal void Load(Func<string, float[]> variable)
    {
        foreach (var v in Variables)
        {
            var values = variable(v.Name);
            if (values.Length != v.Values.Length)
            {
                throw new InvalidDataException($"The cross layer's {v.Name} has {values.Length} values, not {v.Values.Length}.");
            }

            values.CopyTo(v.Values);
        }
    }

    /// <inheritdoc/>
    public void Call(ReadOnlySpan<float> inputs, int batch, Span<float> outputs)
    {
        int n = Check(inputs, batch, outputs);
        var p = new float[batch * n];
        var h = ProjectionDim is { } r ? new float[batch * r] : [];
        var x = inputs[..(batch * n)].ToArray();
        foreach (var level in _levels)
        {
            Product(level, x, batch, p, h);
            Combine(inputs, p, x, batch * n, x);
        }

        x.CopyTo(outputs);
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<float> inputs, int batch, Span<float> outputs)
    {
        int n = Check(inputs, batch, outputs);
        int size = batch * n;
        _batch = batch;
        Towers.Grow(ref _x0, size);
        if (_xs.Length != Depth)
        {
            _xs = [.. Enumerable.Range(0, Depth).Select(_ => Array.Empty<float>())];
            _ps = [.. Enumerable.Range(0, Depth).Select(_ => Array.Empty<float>())];
            _hs = [.. Enumerable.Range(0, Depth).Select(_ => Array.Empty<float>())];
        }

        inputs[..size].CopyTo(_x0);
        for (int l = 0; l < Depth; l++)
        {
            Towers.Grow(ref _xs[l], size);
            Towers.Grow(ref _ps[l], size);
            Towers.Grow(ref _hs[l], batch * (ProjectionDim ?? 0));
            (l == 0 ? _x0.AsSpan(0, size) : _xs[l - 1].AsSpan(0, size)).CopyTo(_xs[l]);
        }

        // _xs[l] holds level l's input; the output of the last level goes to outputs.
        for (int l = 0; l < Depth; l++)
        {
            var x = _xs[l].AsSpan(0, size);
            var p = _ps[l].AsSpan(0, size);
            Product(_levels[l], x, batch, p, _hs[l]);
            Span<float> y = l == Depth - 1 ? outputs[..size] : _xs[l + 1].AsSpan(0, size);
            Combine(_x0.AsSpan(0, size), p, x, size, y);
        }
    }

    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        int b = _batch, n = _inputDim, size = b * n;
        if (outputGradient.Length < size)
        {
            throw new ArgumentException("One gradient row per output row of the last Forward is needed.", nameof(outputGradient));
        }

        Towers.Grow(ref _dx, size);
        Towers.Grow(ref _dp, size);
        var dx0 = inputGradient.IsEmpty ? new float[size] : inputGradient[..size];
        dx0.Clear();
        var dy = _dx.AsSpan(0, size);
        outputGradient[..size].CopyTo(dy);
        var dp = _dp.AsSpan(0, size);
        var x0 = _x0.AsSpan(0, size);
        for (int l = Depth - 1; l >= 0; l--)
        {
            var level = _levels[l];
            var x = _xs[l].AsSpan(0, size);
            var p = _ps[l].AsSpan(0, size);

            // y = x₀ ⊙ p + x: ∂x₀ += dy ⊙ p, ∂p = dy ⊙ x₀, and dy flows into ∂x unchanged.
            TensorPrimitives.MultiplyAdd(dy, p, dx0, dx0);
            TensorPrimitives.Multiply(dy, x0, dp);
            Bias(level.Bias, dp, b, n, optimizer);
            if (level.W is { } w)
            {
                // p = x·W + b: ∂W = xᵀ·∂p; ∂x += ∂p·Wᵀ (with W before its update).
                Transpose(w, n, n);
                Gemm.MultiplyParallel(b, n, n, dp, n, 1, _transposed, n, dy, n, accumulate: true);
                KernelStep(w, x, n, dp, n, b, optimizer);
            }
            else
            {
                // p = (x·U)·V + b with h = x·U: ∂V = hᵀ·∂p; ∂h = ∂p·Vᵀ; ∂U = xᵀ·∂h; ∂x += ∂h·Uᵀ.
                int r = ProjectionDim!.Value;
                var h = _hs[l].AsSpan(0, b * r);
                Towers.Grow(ref _dh, b * r);
                var dh = _dh.AsSpan(0, b * r);
                Transpose(level.V!, r, n);
                Gemm.MultiplyParallel(b, r, n, dp, n, 1, _transposed, r, dh, r, accumulate: false);
                KernelStep(level.V!, h, r, dp, n, b, optimizer);
                Transpose(level.U!, n, r);
                Gemm.MultiplyParallel(b, n, r, dh, r, 1, _transposed, n, dy, n, accumulate: true);
                KernelStep(level.U!, x, n, dh, r, b, optimizer);
            }
        }

        // What reached level 0's x is more gradient for x₀, the same input.
        TensorPrimitives.Add(dx0, dy, dx0);
    }

    internal static Cross FromConfig(LayerConfig config, Func<string, float[]> variable)
    {
        int inputDim = config.Int("input_dim");
        string projection = config.Text("projection_dim");
        int? r = projection == "none" ? null : int.TryParse(projection, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 1
            ? value
            : throw new InvalidDataException($"The cross layer's projection_dim '{projection}' is not a whole number of at least 1.");
        var layer = new Cross(r, config.Int("depth"), seed: 0);
        layer.Build(inputDim);
        layer.Load(variable);
        return layer;
    }

    private static float[] Glorot(Random random, int fanIn, int fanOut)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        var values = WeightArrays.New(fanIn, fanOut, "A cross layer's kernel");
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2.0) - 1.0) * limit);
        }

        return values;
    }

    /// <summary>y = x₀ ⊙ p + x.</summary>
    private static void Combine(ReadOnlySpan<float> x0, ReadOnlySpan<float> p, ReadOnlySpan<float> x, int size, Span<float> y)
        => TensorPrimitives.MultiplyAdd(x0[..size], p[..size], x[..size], y[..size]);

    private int Check(ReadOnlySpan<float> inputs, int batch, Span<float> outputs)
    {
        if (!IsBuilt)
        {
            throw new InvalidOperationException("The cross layer has no weights yet: add it to a tower so it learns its input size.");
        }

        int n = _inputDim;
        if (inputs.Length < batch * n || outputs.Length < batch * n)
        {
            throw new ArgumentException($"Expected {batch} rows of {n} inputs and room for as many outputs.");
        }

        return n;
    }

    /// <summary>p = x·W + b (or (x·U)·V + b, with h = x·U kept).</summary>
    private void Product(Level level, ReadOnlySpan<float> x, int batch, Span<float> p, Span<float> h)
    {
        int n = _inputDim;
        if (level.W is { } w)
        {
            Gemm.MultiplyParallel(batch, n, n, x, n, 1, w.Array, n, p, n, accumulate: false);
        }
        else
        {
            int r = ProjectionDim!.Value;
            Gemm.MultiplyParallel(batch, r, n, x, n, 1, level.U!.Array, r, h, r, accumulate: false);
            Gemm.MultiplyParallel(batch, n, r, h, r, 1, level.V!.Array, n, p, n, accumulate: false);
        }

        var bias = level.Bias.Array;
        for (int row = 0; row < batch; row++)
        {
            var target = p.Slice(row * n, n);
            TensorPrimitives.Add(target, bias, target);
        }
    }

    private static void Bias(Variable bias, ReadOnlySpan<float> dp, int b, int n, Optimizer optimizer)
    {
        var gradient = new float[n];
        for (int r = 0; r < b; r++)
        {
            TensorPrimitives.Add(gradient, dp.Slice(r * n, n), gradient);
        }

        optimizer.ApplyDense(bias, gradient);
    }

    /// <summary>∂kernel = inputsᵀ·∂outputs (inputs b×rows, ∂outputs b×columns), then one optimizer step.</summary>
    private void KernelStep(Variable kernel, ReadOnlySpan<float> inputs, int rows, ReadOnlySpan<float> outputGradient, int columns, int b, Optimizer optimizer)
    {
        Towers.Grow(ref _dKernel, rows * columns);
        var dKernel = _dKernel.AsSpan(0, rows * columns);
        Gemm.MultiplyParallel(rows, columns, b, inputs, 1, rows, outputGradient, columns, dKernel, columns, accumulate: false);
        optimizer.ApplyDense(kernel, dKernel);
    }

    /// <summary>Writes the transpose of a rows×columns variable into the scratch buffer.</summary>
    private void Transpose(Variable variable, int rows, int columns)
    {
        Towers.Grow(ref _transposed, rows * columns);
        var source = variable.Array;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                _transposed[(j * rows) + i] = source[(i * columns) + j];
            }
        }
    }

    private sealed record Level(Variable? W, Variable? U, Variable? V, Variable Bias)
    {
        public IEnumerable<Variable> Variables => new[] { W, U, V, Bias }.OfType<Variable>();
    }
}
