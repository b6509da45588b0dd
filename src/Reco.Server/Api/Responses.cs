using Reco.Serving;

namespace Reco.Server.Api;

/// <summary>Recommendations for a user (or a new user's history).</summary>
/// <param name="User">The user id; null for a history sent in the request body.</param>
/// <param name="Model">The model's algorithm name.</param>
/// <param name="Version">The model version that answered.</param>
/// <param name="Index">How items were retrieved: exact, ivf, hnsw, or none (every item scored).</param>
/// <param name="Fallback">True when the model could not answer and the most popular items were returned.</param>
/// <param name="FallbackReason">Why, when <paramref name="Fallback"/> is true.</param>
/// <param name="Method">model, fold-in, item-average or popularity.</param>
/// <param name="Explanations">Where each item's because list comes from: model (the model's own account of the score) or item-similarity (the user's items most like it); absent without explanations.</param>
/// <param name="Items">The items, best first.</param>
/// <param name="IgnoredItems">For a history: the given item ids the model does not know.</param>
/// <remarks>
/// <see cref="Notes"/> says what was asked for but left out because the model served cannot do it (diversity
/// without item vectors, explanations from a model that cannot explain): the answer is still given, so that a
/// client keeps working when the server switches to a model version with fewer capabilities.
/// </remarks>
public sealed record RecommendationsResponse(
    string? User,
    string Model,
    int Version,
    string Index,
    bool Fallback,
    string? FallbackReason,
    string Method,
    string? Explanations,
    IReadOnlyList<RecommendedItem> Items,
    IReadOnlyList<string>? IgnoredItems)
{
    /// <summary>What was asked for but not applied, and why; absent when everything was.</summary>
    public IReadOnlyList<string>? Notes { get; init; }
}

/// <summary>An item and its label.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Label">Its display label (the id when it has none).</param>
public sealed record ItemReference(string Id, string Label);

/// <summary>The items most similar to one item.</summary>
/// <param name="Item">The item asked about.</param>
/// <param name="Model">The model's algorithm name.</param>
/// <param name="Version">The model version that answered.</param>
/// <param name="Items">The most similar items, best first, with the model's similarity as score.</param>
public sealed record SimilarItemsResponse(ItemReference Item, string Model, int Version, IReadOnlyList<RecommendedItem> Items);

/// <summary>A user's training interactions.</summary>
/// <param name="User">The user id.</param>
/// <param name="Known">Whether the model was trained on interactions of this user.</param>
/// <param name="Total">How many interactions the user has.</param>
/// <param name="Items">The first of them (up to the limit asked for), with their ratings (1 for implicit data) as score.</param>
public sealed record HistoryResponse(string User, bool Known, int Total, IReadOnlyList<RecommendedItem> Items);

/// <summary>A page of the users the model was trained on.</summary>
/// <param name="Total">How many users the model knows.</param>
/// <param name="Offset">The first user's position.</param>
/// <param name="Users">User ids, in the model's order.</param>
public sealed record UsersResponse(int Total, int Offset, IReadOnlyList<string> Users);

/// <summary>The model being served.</summary>
/// <param name="Model">The algorithm name.</param>
/// <param name="Version">The version number.</param>
/// <param name="Index">The index kind (exact, ivf, hnsw) or none.</param>
/// <param name="IndexReason">Whether the index was loaded from the version or built when it loaded, and why that index (the auto rule's figures).</param>
/// <param name="Users">Users it was trained on.</param>
/// <param name="Items">Items it can recommend.</param>
/// <param name="Interactions">Training interactions.</param>
/// <param name="DataSet">The data set it was trained on, when recorded.</param>
/// <param name="LoadedAt">When this version was loaded.</param>
/// <param name="Capabilities">What it can do beyond top-k: similar, explain, fold-in, vectors.</param>
/// <param name="MaxK">The largest k this server accepts in a request.</param>
public sealed record ModelResponse(
    string Model, int Version, string Index, string IndexReason, int Users, int Items, int Interactions, string? DataSet, DateTimeOffset LoadedAt, IReadOnlyList<string> Capabilities, int MaxK);

/// <summary>Liveness and readiness.</summary>
/// <param name="Status">ready, or not-ready while no model version is loaded.</param>
/// <param name="Live">Always true when the server answers.</param>
/// <param name="Ready">Whether a model is loaded and requests can be answered.</param>
/// <param name="Model">The model's algorithm name, when ready.</param>
/// <param name="Version">The version served, when ready.</param>
/// <param name="Index">The index kind, when ready.</param>
public sealed record HealthResponse(string Status, bool Live, bool Ready, string? Model, int? Version, string? Index);

/// <summary>What a forced reload did.</summary>
/// <param name="Version">The version served afterwards (null when none).</param>
/// <param name="Changed">Whether the server switched to another version.</param>
/// <param name="Rejected">A version that failed to load or verify, if any.</param>
/// <param name="Reason">Why it was rejected.</param>
public sealed record ReloadResponse(int? Version, bool Changed, int? Rejected, string? Reason);
