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

    /// <summary>Checks a user index and the scores' length (one per item).</summary>
    public static void Scores(Interactions train, int user, Span<float> scores)
    {
        User(train, user);
        Scores(train, scores);
    }

    /// <summary>Checks a new user's history: known items, and no ratings or one per item.</summary>
    public static void NewUser(Interactions train, ReadOnlySpan<int> items, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        Scores(train, scores);
        if (!ratings.IsEmpty && ratings.Length != items.Length)
        {
            throw new ArgumentException($"Give one rating per item ({items.Length}) or none; got {ratings.Length}.", nameof(ratings));
        }

        foreach (int item in items)
        {
            Item(train, item, nameof(items));
        }
    }

    public static void User(Interactions train, int user)
    {
        if ((uint)user >= (uint)train.UserCount)
        {
            throw new ArgumentOutOfRangeException(nameof(user), user, $"User {user} is not one of the {train.UserCount} users (numbered from 0).");
        }
    }

    public static void Item(Interactions train, int item, string parameter = "item")
    {
        if ((uint)item >= (uint)train.ItemCount)
        {
            throw new ArgumentOutOfRangeException(parameter, item, $"Item {item} is not one of the {train.ItemCount} items (numbered from 0).");
        }
    }

    public static void Pair(Interactions train, int user, int item)
    {
        User(train, user);
        Item(train, item);
    }

    public static void Length(int expected, int actual, string what)
    {
        if (expected != actual)
        {
            throw new InvalidDataException($"The saved {what} has {actual} values where {expected} were expected.");
        }
    }
}
