namespace Reco.Serialization;

/// <summary>
/// What a saved model was trained on: enough to tell, when it is evaluated later, whether the test rows
/// are rows it learned from.
/// </summary>
/// <param name="DataSet">The data set's short name (for example <c>movielens/100k</c>).</param>
/// <param name="Source">Where the data came from (a path or a release name; never a password).</param>
/// <param name="SourceFingerprint">A fingerprint of the source's content, when known.</param>
/// <param name="Split">How the training share was taken: a protocol such as <c>random:0.8</c>, or <c>none</c> for all the data.</param>
/// <param name="Seed">The seed of the split and of the model.</param>
public sealed record TrainingProvenance(string DataSet, string Source, string? SourceFingerprint, string Split, int Seed)
{
    /// <summary>Training rows.</summary>
    public int Rows { get; init; }

    /// <summary>The order-independent digest of the training rows (<see cref="Data.InteractionsDigest"/>).</summary>
    public string? RowsDigest { get; init; }

    /// <summary>When the model was saved (UTC).</summary>
    public DateTimeOffset? Saved { get; init; }

    /// <summary>Provenance of a model trained on <paramref name="data"/> with <paramref name="split"/> (<c>none</c> for all of it).</summary>
    public static TrainingProvenance For(Data.DataSet data, string split, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new TrainingProvenance(data.Name, data.Source, data.Fingerprint, split, seed);
    }
}
