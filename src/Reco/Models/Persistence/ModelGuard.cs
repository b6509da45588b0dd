using Reco.Data;

namespace Reco.Models.Persistence;

/// <summary>Shared argument checks of the models.</summary>
internal static class ModelGuard
{
    public static Interactions Fitted(Interactions? train, string name) =>
        train ?? throw new InvalidOperationException($"Fit the {name} model first.");

    public static void Scores(Interactions train, Span<float> scores)
    {
        if (scores.Length != train.ItemCount)
        {
            throw new ArgumentException($"Expected {train.ItemCount} scores, got {scores.Length}.", nameof(scores));
        }
    }

    public static void Length(int expected, int actual, string what)
    {
        if (expected != actual)
        {
            throw new InvalidDataException($"The saved {what} has {actual} values where {expected} were expected.");
        }
    }
}
