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
    // Training state, time-major and gate by gate (z, r, h) so that each step works on whole B×u blocks.
    private float[] _x = [];
    private float[][] _gx = [[], [], []];
    private float[] _states = [];
    private float[] _z = [];
    private float[] _r = [];
    private float[] _candidate = [];
    private float[] _hu = [];
    private float[] _scratch = [];
    private float[][] _dg = [[], [], []];
    private float[] _ones = [];
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
        double limit = Math.Sqrt(6.0 / (inputDim + (3.0 * units)));

        // The recurrent kernel's initialiser works in double precision on units × 3·units values: the largest array.
        WeightArrays.Check(units, 3L * units, sizeof(double), "A GRU's recurrent kernel");
        var kernel = WeightArrays.New(inputDim, 3L * units, "A GRU's input kernel");
        for (int i = 0; i < kernel.Length; i++)
        {
            kernel[i] = (float)(((random.NextDouble() * 2.0) - 1.0) * limit);
        }

        Kernel = new Variable("kernel", inputDim, 3 * units, kernel);
        RecurrentKernel = new Variable("recurrent_kernel", units, 3 * units, Orthogonal(random, units, 3 * units));
        Bias = new Variable("bias", 2, 3 * units, WeightArrays.New(2, 3L * units, "A GRU's biases"));
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
        int rows = batch * steps, block = batch * u;
        Towers.Grow(ref _x, rows * n);
        Towers.Grow(ref _states, (steps + 1) * block);
        Towers.Grow(ref _z, steps * block);
        Towers.Grow(ref _r, steps * block);
        Towers.Grow(ref _candidate, steps * block);
        Towers.Grow(ref _hu, steps * block);
        Towers.Grow(ref _scratch, 3 * block);
        Towers.Grow(ref _lengths, batch);
        lengths[..batch].CopyTo(_lengths);

        // The inputs time-major: row t·B + i is step t of sequence i.
        for (int i = 0; i < batch; i++)
        {
            for (int t = 0; t < steps; t++)
            {
                inputs.Slice(((i * steps) + t) * n, n).CopyTo(_x.AsSpan(((t * batch) + i) * n, n));
            }
        }

        // Every step's input projections at once, gate by gate, with the biases that add to them:
        // z and r take both their input and recurrent biases; ĥ's recurrent bias sits inside r ⊙ (h·U_h + c_h).
        var bias = Bias.Array;
        for (int gate = 0; gate < 3; gate++)
        {
            Towers.Grow(ref _gx[gate], rows * u);
            var projection = _gx[gate].AsSpan(0, rows * u);
            Gemm.MultiplyParallel(rows, u, n, _x, n, 1, Kernel.Array.AsSpan(gate * u), g, projection, u, accumulate: false);
            var rowBias = new float[u];
            TensorPrimitives.Add(bias.AsSpan(gate * u, u), gate < 2 ? bias.AsSpan(g + (gate * u), u) : new float[u], rowBias);
            AddToRows(projection, rowBias, rows, u);
        }

        _states.AsSpan(0, block).Clear();
        var recurrent = RecurrentKernel.Array;
        var zr = _scratch.AsSpan(0, block);
        var difference = _scratch.AsSpan(block, block);
        for (int t = 0; t < steps; t++)
        {
            var h = _states.AsSpan(t * block, block);
            var next = _states.AsSpan((t + 1) * block, block);
            var z = _z.AsSpan(t * block, block);
            var r = _r.AsSpan(t * block, block);
            var c = _candidate.AsSpan(t * block, block);
            var hu = _hu.AsSpan(t * block, block);

            // z = σ(x·W_z + h·U_z + b), r likewise, ĥ = tanh(x·W_h + b_h + r ⊙ (h·U_h + c_h)).
            Gemm.MultiplyParallel(batch, u, u, h, u, 1, recurrent, g, zr, u, accumulate: false);
            TensorPrimitives.Add(zr, _gx[0].AsSpan(t * block, block), z);
            TensorPrimitives.Sigmoid(z, z);
            Gemm.MultiplyParallel(batch, u, u, h, u, 1, recurrent.AsSpan(u), g, zr, u, accumulate: false);
            TensorPrimitives.Add(zr, _gx[1].AsSpan(t * block, block), r);
            TensorPrimitives.Sigmoid(r, r);
            Gemm.MultiplyParallel(batch, u, u, h, u, 1, recurrent.AsSpan(2 * u), g, hu, u, accumulate: false);
            AddToRows(hu, bias.AsSpan(g + (2 * u), u), batch, u);
            TensorPrimitives.MultiplyAdd(r, hu, _gx[2].AsSpan(t * block, block), c);
            TensorPrimitives.Tanh(c, c);

            // h' = ĥ + z ⊙ (h − ĥ); sequences already ended keep their state.
            TensorPrimitives.Subtract(h, c, difference);
            TensorPrimitives.MultiplyAdd(z, difference, c, next);
            for (int i = 0; i < batch; i++)
            {
                if (t >= _lengths[i])
                {
                    h.Slice(i * u, u).CopyTo(next.Slice(i * u, u));
                }
            }
        }

        _states.AsSpan(steps * block, block).CopyTo(outputs);
    }

    /// <summary>
    /// Given ∂loss/∂(last states) of the last <see cref="Forward"/>, writes ∂loss/∂inputs (same layout as the
    /// inputs; zero at the steps past a sequence's length) and updates the weights.
    /// </summary>
    public void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        int b = _batch, steps = _steps, n = InputDim, u = Units, g = 3 * u;
        int rows = b * steps, block = b * u;
        if (outputGradient.Length < block)
        {
            throw new ArgumentException("One gradient row per sequence of the last Forward is needed.", nameof(outputGradient));
        }

        for (int gate = 0; gate < 3; gate++)
        {
            Towers.Grow(ref _dg[gate], rows * u);
        }

        Towers.Grow(ref _scratch, 3 * block);
        var dh = outputGradient[..block].ToArray();
        var dhu = new float[block];
        var tmp = _scratch.AsSpan(0, block);
        var recurrentT = new float[3][];
        for (int gate = 0; gate < 3; gate++)
        {
            recurrentT[gate] = Transpose(RecurrentKernel.Array.AsSpan(gate * u), u, u, g);
        }

        var dRecurrent = new float[u * g];
        var dRecurrentBias = new float[g];
        var ones = Ones(Math.Max(rows, b));
        for (int t = steps - 1; t >= 0; t--)
        {
            var h = _states.AsSpan(t * block, block);
            var z = _z.AsSpan(t * block, block);
            var r = _r.AsSpan(t * block, block);
            var c = _candidate.AsSpan(t * block, block);
            var hu = _hu.AsSpan(t * block, block);
            var dz = _dg[0].AsSpan(t * block, block);
            var dr = _dg[1].AsSpan(t * block, block);
            var dc = _dg[2].AsSpan(t * block, block);

            // ∂ĥ = dh ⊙ (1 − z) ⊙ (1 − ĥ²); ∂z = dh ⊙ (h − ĥ) ⊙ z(1 − z); ∂r = ∂ĥ ⊙ (h·U_h + c_h) ⊙ r(1 − r).
            TensorPrimitives.Multiply(c, c, tmp);
            TensorPrimitives.Subtract(1f, tmp, tmp);
            TensorPrimitives.Multiply(dh, tmp, dc);
            TensorPrimitives.Subtract(1f, z, tmp);
            TensorPrimitives.Multiply(dc, tmp, dc);
            TensorPrimitives.Subtract(h, c, dz);
            TensorPrimitives.Multiply(dz, dh, dz);
            TensorPrimitives.Multiply(dz, z, dz);
            TensorPrimitives.Multiply(dz, tmp, dz);
            TensorPrimitives.Multiply(dc, hu, dr);
            TensorPrimitives.Multiply(dr, r, dr);
            TensorPrimitives.Subtract(1f, r, tmp);
            TensorPrimitives.Multiply(dr, tmp, dr);
            TensorPrimitives.Multiply(dc, r, dhu);

            // Sequences already ended at this step take no part: their dh passes through unchanged.
            bool ended = false;
            for (int i = 0; i < b; i++)
            {
                if (t >= _lengths[i])
                {
                    ended = true;
                    dz.Slice(i * u, u).Clear();
                    dr.Slice(i * u, u).Clear();
                    dc.Slice(i * u, u).Clear();
                    dhu.AsSpan(i * u, u).Clear();
                }
            }

            // ∂U_gate += hᵀ·∂(h·U_gate); ∂c_h = column sums of ∂(h·U_h); dh ← dh ⊙ z + Σ ∂(h·U_gate)·U_gateᵀ.
            Gemm.MultiplyParallel(u, u, b, h, 1, u, dz, u, dRecurrent, g, accumulate: true);
            Gemm.MultiplyParallel(u, u, b, h, 1, u, dr, u, dRecurrent.AsSpan(u), g, accumulate: true);
            Gemm.MultiplyParallel(u, u, b, h, 1, u, dhu, u, dRecurrent.AsSpan(2 * u), g, accumulate: true);
            Gemm.Multiply(1, u, b, ones, b, 1, dhu, u, dRecurrentBias.AsSpan(2 * u, u), u, accumulate: true);
            if (ended)
            {
                for (int i = 0; i < b; i++)
                {
                    if (t < _lengths[i])
                    {
                        var row = dh.AsSpan(i * u, u);
                        TensorPrimitives.Multiply(row, z.Slice(i * u, u), row);
                    }
                }
            }
            else
            {
                TensorPrimitives.Multiply(dh, z, dh);
            }

            Gemm.MultiplyParallel(b, u, u, dz, u, 1, recurrentT[0], u, dh, u, accumulate: true);
            Gemm.MultiplyParallel(b, u, u, dr, u, 1, recurrentT[1], u, dh, u, accumulate: true);
            Gemm.MultiplyParallel(b, u, u, dhu, u, 1, recurrentT[2], u, dh, u, accumulate: true);
        }

        // Input side over every step at once: ∂W_gate = Xᵀ·∂G_gate, ∂b = column sums (z and r's recurrent biases
        // add to the same sums), ∂X = Σ ∂G_gate·W_gateᵀ.
        var dKernel = new float[n * g];
        var dBias = new float[2 * g];
        var dx = inputGradient.IsEmpty ? [] : new float[rows * n];
        for (int gate = 0; gate < 3; gate++)
        {
            var dg = _dg[gate].AsSpan(0, rows * u);
            Gemm.MultiplyParallel(n, u, rows, _x, 1, n, dg, u, dKernel.AsSpan(gate * u), g, accumulate: false);
            Gemm.Multiply(1, u, rows, ones, rows, 1, dg, u, dBias.AsSpan(gate * u, u), u, accumulate: false);
            if (dx.Length > 0)
            {
                var kernelT = Transpose(Kernel.Array.AsSpan(gate * u), n, u, g);
                Gemm.MultiplyParallel(rows, n, u, dg, u, 1, kernelT, n, dx, n, accumulate: gate > 0);
            }
        }

        dBias.AsSpan(0, 2 * u).CopyTo(dBias.AsSpan(g, 2 * u));
        dRecurrentBias.AsSpan(2 * u, u).CopyTo(dBias.AsSpan(g + (2 * u), u));
        if (dx.Length > 0)
        {
            // Back to the inputs' layout, sequence by sequence.
            for (int i = 0; i < b; i++)
            {
                for (int t = 0; t < steps; t++)
                {
                    dx.AsSpan(((t * b) + i) * n, n).CopyTo(inputGradient.Slice(((i * steps) + t) * n, n));
                }
            }
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

    /// <summary>The transpose (columns × rows) of a rows × columns block with row stride <paramref name="stride"/>.</summary>
    private static float[] Transpose(ReadOnlySpan<float> source, int rows, int columns, int stride)
    {
        var transposed = new float[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                transposed[(j * rows) + i] = source[(i * stride) + j];
            }
        }

        return transposed;
    }

    private static void AddToRows(Span<float> matrix, ReadOnlySpan<float> row, int rows, int width)
    {
        for (int i = 0; i < rows; i++)
        {
            var target = matrix.Slice(i * width, width);
            TensorPrimitives.Add(target, row, target);
        }
    }

    private float[] Ones(int length)
    {
        if (_ones.Length < length)
        {
            _ones = new float[length];
            Array.Fill(_ones, 1f);
        }

        return _ones;
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
