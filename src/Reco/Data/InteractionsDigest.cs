using System.Globalization;

namespace Reco.Data;

/// <summary>
/// A fingerprint of a set of interactions that does not depend on row order: the sum over rows of two
/// independent 64-bit hashes of (user id, item id, rating), as 32 hex digits. Two sets with the same
/// digest hold the same rows (with overwhelming probability), however they were shuffled or split.
/// </summary>
public static class InteractionsDigest
{
    /// <summary>The digest of <paramref name="data"/>'s rows.</summary>
    public static string Of(Interactions data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int users = data.UserCount;
        var userHashes = new (ulong, ulong)[users];
        for (int u = 0; u < users; u++)
        {
            userHashes[u] = Hash(data.Users[u]);
        }

        var itemHashes = new (ulong, ulong)[data.ItemCount];
        for (int i = 0; i < itemHashes.Length; i++)
        {
            itemHashes[i] = Hash(data.Items[i]);
        }

        ulong a = 0, b = 0;
        var userIndices = data.UserIndices;
        var itemIndices = data.ItemIndices;
        for (int r = 0; r < data.Count; r++)
        {
            var (ua, ub) = userHashes[userIndices[r]];
            var (ia, ib) = itemHashes[itemIndices[r]];
            ulong rating = (ulong)BitConverter.SingleToUInt32Bits(data.RatingAt(r));
            a += Mix((ua * 0x9E3779B97F4A7C15UL) ^ ia ^ (rating << 17));
            b += Mix((ub + 0xC2B2AE3D27D4EB4FUL) ^ (ib * 0x165667B19E3779F9UL) ^ rating);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{a:x16}{b:x16}");
    }

    /// <summary>Two independent 64-bit FNV-1a hashes of the text's UTF-16 code units.</summary>
    private static (ulong, ulong) Hash(string text)
    {
        ulong a = 0xcbf29ce484222325UL, b = 0x84222325cbf29ce4UL;
        foreach (char c in text)
        {
            a = (a ^ c) * 0x100000001b3UL;
            b = (b ^ (ulong)(c + 0x9e37)) * 0x100000001b3UL;
        }

        return (Mix(a), Mix(b ^ (ulong)text.Length));
    }

    /// <summary>SplitMix64's finaliser.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }
}
