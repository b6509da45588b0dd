using System.Numerics.Tensors;
using Reco.Numerics;
using Reco.Optimizers;

namespace Reco.Layers;

/// <summary>
/// A gated recurrent unit over sequences of vectors, as <c>tf.keras.layers.GRU(units)</c> with its defaults
/// (<c>reset_after=True</c>, tanh and sigmoid activations, the last state as output):
/// z = σ(x·W_z + b_z + h·U_z + c_z), r = σ(x·W_r + b_r + h·U_r + c_r),
/// ĥ = tanh(x·W_h + b_h + r ⊙ (h·U_h + c_h)), h' = z ⊙ h + (1 − z) ⊙ ĥ, starting from h = 0.
/// Sequences shorter than the batch's longest stop early: their state is carried unchanged through the
/// missing steps, as Keras does with a mask. The kernel starts Glorot-uniform, the recurrent kernel
/// orthogonal, the biases at 0.
/// </summary>
public sealed class Gru
{
    private float[] _x = [];
    private float[] _gx = [];
    private float[] _states = [];
    private float[] _z = [];
    private float[] _r = [];
    private float[] _candidate = [];
    private float[] _hu = [];
    private float[] _dgx = [];
    private float[] _dgh = [];
    private float[] _transposed = [];
    private float[] _dKernel = [];
    private int[] _lengths = [];
    private int _batch;
    private int _steps;

    /// <summary>Creates the layer for inputs of <paramref name="inputDim"/> values per step.</summary>
    /// <param name="inputDim">Values per step of the input.</param>
    /// <param name="units">Size of the state (and of the output).</param>
    /// <param name="seed">Seed of the initial kernels; by default the next one from <see cref="RandomSeed"/>.</param>
    public Gru(int inputDim, int units, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        InputDim = inputDim;
        Units = units;
        var random = new Random(seed ?? RandomSeed.Next());
        double limit = Math.Sqrt(6.0 / (inputDim + (3 * units)));
        var kernel = new float[inputDim * 3 * units];
        for (int i = 0; i < kernel.Length; i++)
        {
            kernel[i] = (float)(((random.NextDouble() * 2.0) - 1.0) * limit);
        }

        Kernel = new Variable("kernel", inputDim, 3 * units, kernel);
        RecurrentKernel = new Variable("recurrent_kernel", units, 3 * units, Orthogonal(random, units, 3 * units));
        Bias = new Variable("bias", 2, 3 * units, new float[6 * units]);
    }

    /// <summary>Values per step of the input.</summary>
    public int InputDim { get; }

    /// <summary>Size of the state and of the output.</summary>
    public int Units { get; }

    /// <summary>W = [W_z | W_r | W_h], <see cref="InputDim"/> × 3·<see cref="Units"/>.</summary>
    public Variable Kernel { get; }

    /// <summary>U = [U_z | U_r | U_h], <see cref="Units"/> × 3·<see cref="Units"/>.</summary>
    public Variable RecurrentKernel { get; }

    /// <summary>Row 0: the input biases [b_z | b_r | b_h]; row 1: the recurrent biases [c_z | c_r | c_h].</summary>
    public Variable Bias { get; }

    /// <summary>The weights.</summary>
    public IReadOnlyList<Variable> Variables => [Kernel, RecurrentKernel, Bias];

    /// <summary>
    /// The last state of each sequence, without remembering anything. <paramref name="inputs"/> holds
    /// <paramref name="batch"/> sequences of <paramref name="steps"/> steps (row-major, sequence by sequence),
    /// of which sequence i uses its first <c>lengths[i]</c>.
    /// </summary>
    public void Call(ReadOnlySpan<float> inputs, ReadOnlySpan<int> lengths, int batch, int steps, Span<float> outputs)
    {
        var layer = new Gru(this);
        layer.Forward(inputs, lengths, batch, steps, outputs);
    }

    /// <summary>Like <see cref="Call"/>, remembering what <see cref="Backward"/> needs.</summary>
    public void Forward(ReadOnlySpan<float> inputs, ReadOnlySpan<int> lengths, int batch, int steps, Span<float> outputs)
    {
        int n = InputDim, u = Units, g = 3 * u;
        if (inputs.Length < batch * steps * n || lengths.Length < batch || outputs.Length < batch * u)
        {
            throw new ArgumentException($"Expected {batch} sequences of {steps} steps of {n} values, their lengths, and room for {batch} states of {u}.");
        }

        _batch = batch;
        _steps = steps;
        Towers.Grow(ref _x, batch * steps * n);
        Towers.Grow(ref _gx, batch * steps * g);
        Towers.Grow(ref _states, (steps + 1) * batch * u);
        Towers.Grow(ref _z, steps * batch * u);
        Towers.Grow(ref _r, steps * batch * u);
        Towers.Grow(ref _candidate, steps * batch * u);
        Towers.Grow(ref _hu, steps * batch * g);
        Towers.Grow(ref _lengths, batch);
        inputs[..(batch * steps * n)].CopyTo(_x);
        lengths[..batch].CopyTo(_lengths);

        // Every step's input projections at once: (B·T × n)·W + b_in.
        var gx = _gx.AsSpan(0, batch * steps * g);
        Gemm.MultiplyParallel(batch * steps, g, n, _x, n, 1, Kernel.Array, g, gx, g, accumulate: false);
        var inputBias = Bias.Array.AsSpan(0, g);
        var recurrentBias = Bias.Array.AsSpan(g, g);
        for (int row = 0; row < batch * steps; row++)
        {
            var target = gx.Slice(row * g, g);
            TensorPrimitives.Add(target, inputBias, target);
        }

        _states.AsSpan(0, batch * u).Clear();
        for (int t = 0; t < steps; t++)
        {
            var h = _states.AsSpan(t * batch * u, batch * u);
            var next = _states.AsSpan((t + 1) * batch * u, batch * u);
            var hu = _hu.AsSpan(t * batch * g, batch * g);
            Gemm.MultiplyParallel(batch, g, u, h, u, 1, RecurrentKernel.Array, g, hu, g, accumulate: false);
            for (int i = 0; i < batch; i++)
            {
                var hi = h.Slice(i * u, u);
                var ni = next.Slice(i * u, u);
                if (t >= _lengths[i])
                {
                    hi.CopyTo(ni);
                    continue;
                }

                var row = hu.Slice(i * g, g);
                TensorPrimitives.Add(row, recurrentBias, row);
                var x = gx.Slice(((i * steps) + t) * g, g);
                var z = _z.AsSpan(((t * batch) + i) * u, u);
                var r = _r.AsSpan(((t * batch) + i) * u, u);
                var c = _candidate.AsSpan(((t * batch) + i) * u, u);
                TensorPrimitives.Add(x[..u], row[..u], z);
                TensorPrimitives.Sigmoid(z, z);
                TensorPrimitives.Add(x.Slice(u, u), row.Slice(u, u), r);
                TensorPrimitives.Sigmoid(r, r);
                TensorPrimitives.MultiplyAdd(r, row.Slice(2 * u, u), x.Slice(2 * u, u), c);
                TensorPrimitives.Tanh(c, c);

                // h' = z ⊙ h + (1 − z) ⊙ ĥ = ĥ + z ⊙ (h − ĥ)
                TensorPrimitives.Subtract(hi, c, ni);
                TensorPrimitives.MultiplyAdd(z, ni, c, ni);
            }
        }

        _states.AsSpan(steps * batch * u, batch * u).CopyTo(outputs);
    }

    /// <summary>
    /// Given ∂loss/∂(last states) of the last <see cref="Forward"/>, writes ∂loss/∂inputs (same layout as the
    /// inputs; zero at the steps past a sequence's length) and updates the weights.
    /// </summary>
    public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        int b = _batch, steps = _steps, n = InputDim, u = Units, g = 3 * u;
        if (outputGradient.Length < b * u)
        {
            throw new ArgumentException("One gradient row per sequence of the last Forward is needed.", nameof(outputGradient));
        }

        Towers.Grow(ref _dgx, b * steps * g);
        Towers.Grow(ref _dgh, b * g);
        var dgx = _dgx.AsSpan(0, b * steps * g);
        dgx.Clear();
        var dh = outputGradient[..(b * u)].ToArray();
        var dPrevious = new float[b * u];
        var dRecurrent = new float[u * g];
        var dRecurrentBias = new float[g];
        Transpose(RecurrentKernel.Array, u, g);
        var recurrentT = _transposed.AsSpan(0, u * g).ToArray();
        for (int t = steps - 1; t >= 0; t--)
        {
            var h = _states.AsSpan(t * b * u, b * u);
            var hu = _hu.AsSpan(t * b * g, b * g);
            var dgh = _dgh.AsSpan(0, b * g);
            dgh.Clear();
            for (int i = 0; i < b; i++)
            {
                if (t >= _lengths[i])
                {
                    continue;
                }

                var dhi = dh.AsSpan(i * u, u);
                var hi = h.Slice(i * u, u);
                var z = _z.AsSpan(((t * b) + i) * u, u);
                var r = _r.AsSpan(((t * b) + i) * u, u);
                var c = _candidate.AsSpan(((t * b) + i) * u, u);
                var recurrentH = hu.Slice((i * g) + (2 * u), u);
                var dx = dgx.Slice(((i * steps) + t) * g, g);
                var dr = dgh.Slice(i * g, g);
                for (int k = 0; k < u; k++)
                {
                    float dz = dhi[k] * (hi[k] - c[k]);
                    float dc = dhi[k] * (1f - z[k]) * (1f - (c[k] * c[k]));
                    float drv = dc * recurrentH[k];
                    float dzPre = dz * z[k] * (1f - z[k]);
                    float drPre = drv * r[k] * (1f - r[k]);
                    dx[k] = dzPre;
                    dx[u + k] = drPre;
                    dx[(2 * u) + k] = dc;
                    dr[k] = dzPre;
                    dr[u + k] = drPre;
                    dr[(2 * u) + k] = dc * r[k];

                    // The direct path h → h' through z ⊙ h.
                    dhi[k] *= z[k];
                }
            }

            // ∂U += hᵀ·∂(h·U); ∂c = column sums; ∂h += ∂(h·U)·Uᵀ (rows past their length get 0 here and keep dh).
            Gemm.MultiplyParallel(u, g, b, h, 1, u, dgh, g, dRecurrent, g, accumulate: true);
            for (int i = 0; i < b; i++)
            {
                TensorPrimitives.Add(dRecurrentBias, dgh.Slice(i * g, g), dRecurrentBias);
            }

            Gemm.MultiplyParallel(b, u, g, dgh, g, 1, recurrentT, u, dPrevious, u, accumulate: false);
            TensorPrimitives.Add(dh, dPrevious, dh);
        }

        // Input side over every step at once: ∂W = Xᵀ·∂G, ∂b = column sums, ∂X = ∂G·Wᵀ.
        Towers.Grow(ref _dKernel, n * g);
        var dKernel = _dKernel.AsSpan(0, n * g);
        Gemm.MultiplyParallel(n, g, b * steps, _x, 1, n, dgx, g, dKernel, g, accumulate: false);
        var dBias = new float[2 * g];
        for (int row = 0; row < b * steps; row++)
        {
            TensorPrimitives.Add(dBias.AsSpan(0, g), dgx.Slice(row * g, g), dBias.AsSpan(0, g));
        }

        dRecurrentBias.CopyTo(dBias.AsSpan(g, g));
        if (!inputGradient.IsEmpty)
        {
            Transpose(Kernel.Array, n, g);
            Gemm.MultiplyParallel(b * steps, n, g, dgx, g, 1, _transposed, n, inputGradient, n, accumulate: false);
        }

        optimizer.ApplyDense(Kernel, dKernel);
        optimizer.ApplyDense(RecurrentKernel, dRecurrent);
        optimizer.ApplyDense(Bias, dBias);
    }

    /// <summary>A stateless copy sharing the weights (for <see cref="Call"/>, safe to run concurrently).</summary>
    private Gru(Gru weights)
    {
        InputDim = weights.InputDim;
        Units = weights.Units;
        Kernel = weights.Kernel;
        RecurrentKernel = weights.RecurrentKernel;
        Bias = weights.Bias;
    }

    private void Transpose(float[] source, int rows, int columns)
    {
        Towers.Grow(ref _transposed, rows * columns);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                _transposed[(j * rows) + i] = source[(i * columns) + j];
            }
        }
    }

    /// <summary>Keras's orthogonal initialiser: the Q of a QR decomposition of a standard normal matrix, sign-corrected.</summary>
    private static float[] Orthogonal(Random random, int rows, int columns)
    {
        // Orthonormalise the longer side's vectors (Gram–Schmidt on the columns of a columns×rows matrix when rows < columns).
        int n = Math.Max(rows, columns), m = Math.Min(rows, columns);
        var q = new double[m][];
        for (int k = 0; k < m; k++)
        {
            var v = new double[n];
            for (int i = 0; i < n; i++)
            {
                double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
                v[i] = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            }

            for (int j = 0; j < k; j++)
            {
                double dot = 0;
                for (int i = 0; i < n; i++)
                {
                    dot += v[i] * q[j][i];
                }

                for (int i = 0; i < n; i++)
                {
                    v[i] -= dot * q[j][i];
                }
            }

            double norm = Math.Sqrt(v.Sum(x => x * x));
            for (int i = 0; i < n; i++)
            {
                v[i] /= norm;
            }

            q[k] = v;
        }

        var result = new float[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                result[(i * columns) + j] = (float)(rows <= columns ? q[i][j] : q[j][i]);
            }
        }

        return result;
    }
}
