using Reco.Layers;
using Reco.Optimizers;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests;

/// <summary>
/// An optimizer that changes nothing and keeps every gradient it is handed, so that a layer's or a tower's
/// Backward can be compared with finite differences. Each step's gradient is added, in double, into a
/// full-size array per variable; <see cref="Steps"/> lists every (variable, offset) stepped, to check that
/// sparse updates name each row once.
/// </summary>
internal sealed class RecordingOptimizer : Optimizer
{
    private readonly Dictionary<Variable, double[]> _gradients = new(ReferenceEqualityComparer.Instance);

    public override float LearningRate => 1f;

    public List<(Variable Variable, int Offset, int Length)> Steps { get; } = [];

    /// <summary>The summed gradient of <paramref name="variable"/> (zeros where it was never stepped).</summary>
    public double[] GradientOf(Variable variable) =>
        _gradients.TryGetValue(variable, out var g) ? g : new double[variable.Values.Length];

    public bool Stepped(Variable variable) => _gradients.ContainsKey(variable);

    public override string ToString() => "recording";

    protected override void Step(Variable variable, int offset, ReadOnlySpan<float> gradient)
    {
        Steps.Add((variable, offset, gradient.Length));
        if (!_gradients.TryGetValue(variable, out var sum))
        {
            sum = new double[variable.Values.Length];
            _gradients.Add(variable, sum);
        }

        for (int i = 0; i < gradient.Length; i++)
        {
            sum[offset + i] += gradient[i];
        }
    }
}
