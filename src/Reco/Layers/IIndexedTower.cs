namespace Reco.Layers;

/// <summary>
/// A tower whose first step turns each input into a row index (a lookup into an embedding table). A
/// training loop that sees the same inputs batch after batch looks each distinct input up once per fit
/// and feeds the rows, which skips hashing inputs (ids are strings) on every batch; the embeddings and
/// updates are the same as through <see cref="ITower{TInput}.Forward"/>.
/// </summary>
/// <typeparam name="TInput">The raw input type.</typeparam>
internal interface IIndexedTower<TInput> : ITower<TInput>
{
    /// <summary>Writes the row index of each input (what <see cref="ITower{TInput}.Forward"/> would look up).</summary>
    void LookupRows(ReadOnlySpan<TInput> inputs, Span<int> rows);

    /// <summary><see cref="ITower{TInput}.Forward"/> for inputs already looked up by <see cref="LookupRows"/>.</summary>
    void ForwardRows(ReadOnlySpan<int> rows, Span<float> embeddings);
}
