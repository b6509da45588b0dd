namespace Reco.Data.Sources;

/// <summary>How rows of any source become interactions.</summary>
public sealed record LoadOptions
{
    /// <summary>The column mapping; <see langword="null"/> detects it from the column names (see <see cref="ColumnMapping.Detect"/>).</summary>
    public ColumnMapping? Columns { get; init; }

    /// <summary>Explicit ratings or implicit feedback. Default: explicit when a rating column is mapped, implicit otherwise.</summary>
    public FeedbackKind? Feedback { get; init; }

    /// <summary>
    /// When set, binarises: rows whose rating is below it are left out (counted as below threshold in
    /// the report) and the others get weight 1, making the data implicit.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not a finite number.</exception>
    public float? MinRating
    {
        get;
        init => field = value is { } v && !float.IsFinite(v) ? throw new ArgumentOutOfRangeException(nameof(MinRating), value, "The minimum rating must be a finite number.") : value;
    }

    /// <summary>What to do with repeated (user, item) pairs. Default: <see cref="DuplicatePolicy.KeepLast"/> for explicit data, <see cref="DuplicatePolicy.Sum"/> for implicit.</summary>
    public DuplicatePolicy? Duplicates { get; init; }

    /// <summary>Skip malformed rows (counting them, with examples in the report) instead of stopping at the first.</summary>
    public bool SkipBadRows { get; init; }

    /// <summary>How many skipped rows the report describes in full.</summary>
    public int MaxBadRowExamples { get; init; } = 10;

    /// <summary>
    /// What a numeric time counts: seconds (the default), milliseconds, microseconds or nanoseconds since
    /// the Unix epoch; converted to seconds. Dates, timestamps and ISO-8601 text are read as they are.
    /// </summary>
    public TimeUnit TimeUnit { get; init; }

    /// <summary>
    /// Receives the rows (and bytes) read so far about twice a second during a load, from the loading
    /// threads, so a caller can show a rate and the time left; it must be safe to call from any thread.
    /// </summary>
    public IProgress<LoadProgress>? Progress { get; init; }

    /// <summary>Ids known before loading (for example every movie of a catalogue file); new ids are appended.</summary>
    public IdMap? KnownItems { get; init; }

    /// <summary>The feedback kind in effect for <paramref name="columns"/>.</summary>
    internal FeedbackKind FeedbackFor(ColumnMapping columns) =>
        Feedback ?? (columns.Rating is null || MinRating is not null ? FeedbackKind.Implicit : FeedbackKind.Explicit);

    /// <summary>The duplicate policy in effect for <paramref name="feedback"/>.</summary>
    internal DuplicatePolicy DuplicatesFor(FeedbackKind feedback) =>
        Duplicates ?? (feedback == FeedbackKind.Explicit ? DuplicatePolicy.KeepLast : DuplicatePolicy.Sum);
}
