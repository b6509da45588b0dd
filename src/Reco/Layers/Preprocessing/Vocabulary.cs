using System.Runtime.InteropServices;
using Reco.Data;

namespace Reco.Layers.Preprocessing;

/// <summary>How Keras orders an adapted vocabulary: most frequent first, ties broken by the larger token first.</summary>
internal static class Vocabulary
{
    public static List<T> ByFrequency<T>(IEnumerable<T> data, IComparer<T> comparer)
        where T : notnull
    {
        var counts = new Dictionary<T, long>();
        foreach (var token in data)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, token, out _)++;
        }

        KeyValuePair<T, long>[] entries = [.. counts];
        Array.Sort(entries, (a, b) =>
        {
            int byCount = b.Value.CompareTo(a.Value);
            return byCount != 0 ? byCount : comparer.Compare(b.Key, a.Key);
        });
        return [.. entries.Select(e => e.Key)];
    }

    public static IComparer<string> Strings => CodePointComparer.Instance;
}
