namespace Reco.Data;

/// <summary>
/// Maps values of type <typeparamref name="T"/> to dense integer indices, reserving index 0
/// for values outside the vocabulary.
/// </summary>
/// <typeparam name="T">The type of the values being indexed.</typeparam>
public interface IIndexLookup<T>
{
    /// <summary>Gets the number of indices this lookup can produce, including the out-of-vocabulary index 0.</summary>
    int VocabularySize { get; }

    /// <summary>Returns the index of <paramref name="value"/>, or 0 when it is not in the vocabulary.</summary>
    /// <param name="value">The value to look up.</param>
    /// <returns>An index in <c>[0, VocabularySize)</c>.</returns>
    int Lookup(T value);

    /// <summary>Looks up every element of <paramref name="inputs"/> and writes its index to the same position of <paramref name="indices"/>.</summary>
    /// <param name="inputs">The values to look up.</param>
    /// <param name="indices">The destination; must have the same length as <paramref name="inputs"/>.</param>
    void Lookup(ReadOnlySpan<T> inputs, Span<int> indices);
}
