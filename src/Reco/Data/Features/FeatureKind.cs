namespace Reco.Data.Features;

/// <summary>How a feature's values are to be read.</summary>
public enum FeatureKind
{
    /// <summary>One category per entity (for example a user's occupation).</summary>
    Categorical,

    /// <summary>Any number of categories per entity (for example a movie's genres).</summary>
    MultiValued,

    /// <summary>Free text (for example a title), one value per entity.</summary>
    Text,
}
