using Reco.Data;
using Reco.Indexes;

namespace Reco.Serving;

/// <summary>
/// A request's exclusions and candidate filter in item indices: the user's training items (by a lookup in
/// the sorted user–item matrix, nothing copied), a sorted list of excluded items (explicit exclusions and a
/// new user's own history) and a sorted candidate list. One source for the index's <see cref="SearchOptions"/>
/// and for the exclusion predicate of the full-scoring paths.
/// </summary>
internal sealed class RequestRestrictions
{
    private readonly UserItemMatrix? _seenBy;
    private readonly int _user;
    private readonly int[] _excluded;
    private readonly int[]? _candidates;

    private RequestRestrictions(UserItemMatrix? seenBy, int user, int[] excluded, int[]? candidates)
    {
        _seenBy = seenBy;
        _user = user;
        _excluded = excluded;
        _candidates = candidates;
    }

    /// <summary>True when a candidate list was given and none of its ids is an item of the model.</summary>
    public bool NoCandidates => _candidates is { Length: 0 };

    /// <summary>Restrictions of <paramref name="request"/>; <paramref name="user"/> (a training user, or −1) has their training items excluded when the request says so, <paramref name="history"/> (sorted) a new user's.</summary>
    public static RequestRestrictions For(RecommendationRequest request, Interactions train, int user, ReadOnlySpan<int> history = default)
    {
        int[] excluded = Indices(request.Exclude, train.Items, history);
        int[]? candidates = request.Candidates is null ? null : Indices(request.Candidates, train.Items, default);
        var seenBy = user >= 0 && request.ExcludeSeen ? train.ByUser() : null;
        return new RequestRestrictions(seenBy, user, excluded, candidates);
    }

    /// <summary>Whether <paramref name="item"/> may be returned.</summary>
    public bool Allows(int item) =>
        (_candidates is null || Array.BinarySearch(_candidates, item) >= 0)
        && (_excluded.Length == 0 || Array.BinarySearch(_excluded, item) < 0)
        && (_seenBy is null || !_seenBy.Contains(_user, item));

    /// <summary>The exclusion predicate of the full-scoring paths (true: leave out), or null when everything is allowed.</summary>
    public Func<int, bool>? Excluded() => IsEmpty ? null : item => !Allows(item);

    /// <summary>The same restrictions for one query of <see cref="IVectorIndex.Search"/>, or null when there are none.</summary>
    public SearchOptions? ForIndex()
    {
        if (IsEmpty)
        {
            return null;
        }

        var excluded = _excluded;
        var seenBy = _seenBy;
        int user = _user;
        var candidates = _candidates;
        return new SearchOptions
        {
            ExcludedIds = excluded.Length == 0 ? null : _ => excluded,
            Exclude = seenBy is null ? null : (_, item) => seenBy.Contains(user, item),
            Filter = candidates is null ? null : item => Array.BinarySearch(candidates, item) >= 0,
        };
    }

    private bool IsEmpty => _candidates is null && _excluded.Length == 0 && _seenBy is null;

    private static int[] Indices(IReadOnlySet<string>? ids, IdMap items, ReadOnlySpan<int> also)
    {
        if ((ids is null || ids.Count == 0) && also.IsEmpty)
        {
            return [];
        }

        var indices = new List<int>((ids?.Count ?? 0) + also.Length);
        foreach (var id in ids ?? Enumerable.Empty<string>())
        {
            int index = items.IndexOf(id);
            if (index >= 0)
            {
                indices.Add(index);
            }
        }

        foreach (int index in also)
        {
            indices.Add(index);
        }

        indices.Sort();
        return [.. indices.Distinct()];
    }
}
