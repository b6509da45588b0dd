using System.Globalization;

namespace Reco.Optimizers;

/// <summary>
/// Which optimizer to train with and its learning rate: the typed form of a model option such as
/// <c>adagrad:0.1</c>. Options records hold settings, not optimizers, so a record can be shared and
/// saved; a model creates its optimizer from them when it first trains.
/// </summary>
/// <param name="Kind">The optimizer.</param>
/// <param name="LearningRate">Its step size: finite and greater than 0.</param>
public sealed record OptimizerSettings(OptimizerKind Kind, float LearningRate)
{
    /// <summary>SGD's momentum (0 for none; ignored by the other optimizers).</summary>
    public float Momentum { get; init; }

    /// <summary>When set, every update's gradient is clipped to this L2 norm (Keras's <c>clipnorm</c>).</summary>
    public float? ClipNorm { get; init; }

    /// <summary>The names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<OptimizerKind>().Select(Name)];

    /// <summary>A new optimizer with these settings.</summary>
    public Optimizer Create()
    {
        CheckLearningRate(LearningRate);
        return Kind switch
        {
            OptimizerKind.Sgd => new Sgd(LearningRate, Momentum) { ClipNorm = ClipNorm },
            OptimizerKind.Adam => new Adam(LearningRate) { ClipNorm = ClipNorm },
            OptimizerKind.Adagrad => new Adagrad(LearningRate) { ClipNorm = ClipNorm },
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, $"There is no optimizer number {(int)Kind}; use one of {string.Join(", ", Names)}."),
        };
    }

    /// <summary>Parses <c>NAME:RATE</c> (for example <c>adagrad:0.1</c>, <c>adam:0.01</c>); without a rate, the optimizer's Keras default.</summary>
    /// <exception cref="FormatException">The name is unknown or the rate is not a finite number above 0.</exception>
    public static OptimizerSettings Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', 2);
        var name = parts[0].Trim().ToLowerInvariant();
        var kind = Enum.GetValues<OptimizerKind>().Cast<OptimizerKind?>().FirstOrDefault(k => Name(k!.Value) == name)
            ?? throw new FormatException($"'{parts[0]}' is not an optimizer; expected {string.Join(" or ", Names)}, optionally with a learning rate (for example adagrad:0.1).");
        if (parts.Length == 1)
        {
            return new OptimizerSettings(kind, kind == OptimizerKind.Sgd ? 0.01f : 0.001f);
        }

        if (!float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float rate) || !(rate > 0) || !float.IsFinite(rate))
        {
            throw new FormatException($"'{parts[1]}' in optimizer '{text}' is not a learning rate: it must be a finite number above 0.");
        }

        return new OptimizerSettings(kind, rate);
    }

    /// <summary><c>NAME:RATE</c>, the form <see cref="Parse"/> reads (momentum and clipping are options of their own).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name(Kind)}:{LearningRate}");

    internal static void CheckLearningRate(float learningRate)
    {
        if (!(learningRate > 0f) || !float.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be a finite number above 0.");
        }
    }

    private static string Name(OptimizerKind kind) => kind.ToString().ToLowerInvariant();
}
