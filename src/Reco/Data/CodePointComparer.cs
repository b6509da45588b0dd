namespace Reco.Data;

/// <summary>
/// Orders strings by Unicode code point, which is the order of their UTF-8 bytes. Keras sorts
/// vocabulary tokens as UTF-8 byte strings, and plain ordinal comparison of UTF-16 code units
/// disagrees with that for characters above U+E000 versus surrogate pairs.
/// </summary>
internal sealed class CodePointComparer : IComparer<string>
{
    public static CodePointComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        int common = x.AsSpan().CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        char a = x[common];
        char b = y[common];
        bool aIsSurrogate = char.IsSurrogate(a);
        bool bIsSurrogate = char.IsSurrogate(b);

        // A surrogate encodes a code point above U+FFFF, so it sorts after any BMP character.
        if (aIsSurrogate != bIsSurrogate)
        {
            return aIsSurrogate ? 1 : -1;
        }

        return a.CompareTo(b);
    }
}
