using System.Globalization;
using Reco.Layers;
using Reco.Optimizers;

namespace Reco.Training;

/// <summary>Stops a fit whose loss or weights have stopped being finite numbers, rather than finishing with a model that recommends nothing.</summary>
internal static class Divergence
{
    /// <summary>Throws when <paramref name="loss"/> is not finite or a weight is NaN or infinite after epoch <paramref name="epoch"/> (0-based).</summary>
    public static void Check(int epoch, double loss, IEnumerable<Variable> variables, Optimizer? optimizer)
    {
        string? what = !double.IsFinite(loss) ? $"the loss is {Describe(loss)}"
            : variables.FirstOrDefault(v => !v.IsFinite()) is { } bad ? $"the weights ({bad.Name}) hold NaN or infinite values"
            : null;
        if (what is not null)
        {
            throw new TrainingDivergedException(Message(epoch, what, optimizer is null ? null : $"try a lower learning rate (now {optimizer})"));
        }
    }

    /// <summary>Throws when <paramref name="loss"/> is not finite or <paramref name="weights"/> hold a NaN or infinite value.</summary>
    public static void Check(int epoch, double loss, string? hint, params float[][] weights)
    {
        string? what = !double.IsFinite(loss) ? $"the loss is {Describe(loss)}"
            : weights.Any(w => !AllFinite(w)) ? "the weights hold NaN or infinite values"
            : null;
        if (what is not null)
        {
            throw new TrainingDivergedException(Message(epoch, what, hint));
        }
    }

    private static string Message(int epoch, string what, string? hint) =>
        string.Create(CultureInfo.InvariantCulture, $"Training diverged in epoch {epoch + 1}: {what}; {hint ?? "try a lower learning rate"}.");

    private static string Describe(double loss) => double.IsNaN(loss) ? "NaN" : "infinite";

    private static bool AllFinite(float[] values)
    {
        foreach (float v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
