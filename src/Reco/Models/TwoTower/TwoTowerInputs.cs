using Reco.Data.Sources.Parquet;
namespace Reco.Models.TwoTower;

/// <summary>
/// How the user and item ids of <see cref="Data.Interactions"/> become the inputs of a two-tower model's
/// towers, and how inputs are named by id. With string towers over ids (the TFRS quickstart's user-id and
/// title towers) both are the identity; a feature tower maps an id to its feature record.
/// </summary>
/// <param name="Query">The query input of a user id.</param>
/// <param name="Candidate">The candidate input of an item id.</param>
/// <param name="QueryId">The user id of a query input.</param>
/// <param name="CandidateId">The item id of a candidate input.</param>
public sealed record TwoTowerInputs<TQuery, TCandidate>(
    Func<string, TQuery> Query,
    Func<string, TCandidate> Candidate,
    Func<TQuery, string> QueryId,
    Func<TCandidate, string> CandidateId);

/// <summary>The inputs of string towers over ids.</summary>
public static class TwoTowerInputs
{
    /// <summary>Ids are the inputs: user id → query, item id → candidate.</summary>
    public static TwoTowerInputs<string, string> Ids { get; } = new(id => id, id => id, query => query, candidate => candidate);

    /// <summary><see cref="Ids"/> when both inputs are strings, else null.</summary>
    internal static TwoTowerInputs<TQuery, TCandidate>? Default<TQuery, TCandidate>() =>
        Ids as TwoTowerInputs<TQuery, TCandidate>;
}
