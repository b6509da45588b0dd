using Reco.Data;

namespace Reco.Tests.Data;

public sealed class StringLookupTests
{
    [Fact]
    public void Adapt_OrdersByFrequencyDescending()
    {
        var lookup = new StringLookup();

        lookup.Adapt(["b", "a", "c", "a", "c", "c"]);

        Assert.Equal(["[UNK]", "c", "a", "b"], lookup.GetVocabulary());
        Assert.Equal(4, lookup.VocabularySize);
    }

    [Fact]
    public void Adapt_BreaksTiesByTokenDescending()
    {
        // Keras: np.lexsort((tokens, counts))[::-1] puts equal counts in reverse byte order.
        var lookup = new StringLookup();

        lookup.Adapt(["apple", "Banana", "cherry", "banana", "x", "x", "10", "9"]);

        Assert.Equal(["[UNK]", "x", "cherry", "banana", "apple", "Banana", "9", "10"], lookup.GetVocabulary());
    }

    [Fact]
    public void Adapt_BreaksTiesInUtf8ByteOrder()
    {
        // U+FF21 (fullwidth A) is below U+1F600 in code point and UTF-8 order, but above its
        // surrogate pair in UTF-16 order; Keras sorts the UTF-8 bytes.
        var lookup = new StringLookup();

        lookup.Adapt(["\uFF21", "\U0001F600", "z"]);

        Assert.Equal(["[UNK]", "\U0001F600", "\uFF21", "z"], lookup.GetVocabulary());
    }

    [Fact]
    public void Adapt_IgnoresTheOovToken()
    {
        var lookup = new StringLookup();

        lookup.Adapt(["[UNK]", "[UNK]", "a"]);

        Assert.Equal(["[UNK]", "a"], lookup.GetVocabulary());
    }

    [Fact]
    public void Adapt_Again_ReplacesTheVocabulary()
    {
        var lookup = new StringLookup();
        lookup.Adapt(["a", "b"]);

        lookup.Adapt(["c"]);

        Assert.Equal(["[UNK]", "c"], lookup.GetVocabulary());
        Assert.Equal(0, lookup.Lookup("a"));
    }

    [Fact]
    public void Lookup_UnknownTokensMapToZero()
    {
        var lookup = new StringLookup();
        lookup.Adapt(["a", "a", "b"]);

        Assert.Equal(1, lookup.Lookup("a"));
        Assert.Equal(2, lookup.Lookup("b"));
        Assert.Equal(0, lookup.Lookup("zzz"));
        Assert.Equal(0, lookup.Lookup("A"));
        Assert.Equal(0, lookup.Lookup("[UNK]"));
    }

    [Fact]
    public void Lookup_Span_FillsIndices()
    {
        var lookup = new StringLookup(["x", "y"]);
        int[] indices = new int[4];

        lookup.Lookup(["y", "x", "nope", "y"], indices);

        Assert.Equal([2, 1, 0, 2], indices);
    }

    [Fact]
    public void Lookup_Span_RejectsLengthMismatch()
    {
        var lookup = new StringLookup(["x"]);

        Assert.Throws<ArgumentException>(() => lookup.Lookup(["x", "x"], new int[1]));
    }

    [Fact]
    public void Unadapted_HasOnlyTheOovBucket()
    {
        var lookup = new StringLookup();

        Assert.Equal(1, lookup.VocabularySize);
        Assert.Equal(["[UNK]"], lookup.GetVocabulary());
        Assert.Equal(0, lookup.Lookup("a"));
    }

    [Fact]
    public void ExplicitVocabulary_KeepsGivenOrder()
    {
        var lookup = new StringLookup(vocabulary: ["z", "a", "m"]);

        Assert.Equal(["[UNK]", "z", "a", "m"], lookup.GetVocabulary());
        Assert.Equal(4, lookup.VocabularySize);
        Assert.Equal(1, lookup.Lookup("z"));
        Assert.Equal(3, lookup.Lookup("m"));
        Assert.True(lookup.Contains("a"));
        Assert.False(lookup.Contains("b"));
        Assert.False(lookup.Contains("[UNK]"));
    }

    [Fact]
    public void ExplicitVocabulary_AcceptsALeadingOovToken()
    {
        var original = new StringLookup(["p", "q"]);

        var copy = new StringLookup(original.GetVocabulary());

        Assert.Equal(original.GetVocabulary(), copy.GetVocabulary());
    }

    [Fact]
    public void ExplicitVocabulary_RejectsDuplicates()
    {
        var error = Assert.Throws<ArgumentException>(() => new StringLookup(["a", "b", "a"]));

        Assert.Contains("repeats", error.Message);
        Assert.Contains("\"a\"", error.Message);
        Assert.Equal("vocabulary", error.ParamName);
    }

    [Fact]
    public void ExplicitVocabulary_RejectsOovTokenAfterTheStart()
    {
        Assert.Throws<ArgumentException>(() => new StringLookup(["a", "[UNK]"]));
    }

    [Fact]
    public void ExplicitVocabulary_RejectsEmpty()
    {
        Assert.Throws<ArgumentException>(() => new StringLookup(Array.Empty<string>()));
        Assert.Throws<ArgumentException>(() => new StringLookup(["[UNK]"]));
    }

    [Fact]
    public void ExplicitVocabulary_CannotBeAdapted()
    {
        var lookup = new StringLookup(["a"]);

        Assert.Throws<InvalidOperationException>(() => lookup.Adapt(["b"]));
    }

    [Fact]
    public void IndexerAndInvert_MapIndicesBackToTokens()
    {
        var lookup = new StringLookup(["a", "b"]);

        Assert.Equal("[UNK]", lookup[0]);
        Assert.Equal("b", lookup[2]);
        Assert.Equal("a", lookup.Invert(1));
        Assert.Equal("[UNK]", lookup.Invert(0));
        Assert.Equal("[UNK]", lookup.Invert(3));
        Assert.Equal("[UNK]", lookup.Invert(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => lookup[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => lookup[-1]);
    }

    [Fact]
    public void ImplementsIndexLookup()
    {
        IIndexLookup<string> lookup = new StringLookup(["a"]);

        Assert.Equal(2, lookup.VocabularySize);
        Assert.Equal(1, lookup.Lookup("a"));
    }
}
