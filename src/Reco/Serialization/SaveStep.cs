namespace Reco.Serialization;

/// <summary>The steps of a model save, in order, for test hooks (<see cref="ModelSaveOptions.OnStep"/>).</summary>
internal enum SaveStep
{
    /// <summary>The base folder exists and this save holds its lock.</summary>
    Locked,

    /// <summary>Abandoned scratch entries of killed saves were deleted.</summary>
    Reclaimed,

    /// <summary>The staging folder exists (empty).</summary>
    StagingCreated,

    /// <summary>One model file is written and flushed (once per file).</summary>
    FileWritten,

    /// <summary>The manifest is written and flushed.</summary>
    ManifestWritten,

    /// <summary>The staging folder's entries are flushed.</summary>
    StagingSynced,

    /// <summary>A flat-layout model's copy became a version of its own (converting the earlier layout).</summary>
    FlatModelVersioned,

    /// <summary>The staging folder was renamed to its version number.</summary>
    VersionRenamed,

    /// <summary>The new pointer is written to its temporary file.</summary>
    PointerWritten,

    /// <summary>The pointer now names the new version: the save is committed.</summary>
    PointerReplaced,

    /// <summary>The flat-layout files of a converted model are removed.</summary>
    FlatModelRemoved,

    /// <summary>One old version was renamed aside for deletion (once per version).</summary>
    VersionRetired,

    /// <summary>The lock is released.</summary>
    Unlocked,

    /// <summary>One retired version was deleted (once per version).</summary>
    RetiredDeleted,
}
