using System.Text.Json.Nodes;
using Reco.Data;
using Reco.Models.Persistence;
using Reco.Tasks;

namespace Reco.Models.TwoTower;

/// <summary>
/// Saving and loading the catalogue two-tower with side features: the feature columns its towers read are
/// saved with it, and on load the towers are rebuilt from the options and those columns exactly as the first
/// fit built them, then given the saved weights.
/// </summary>
public sealed partial class TwoTowerModel<TQuery, TCandidate>
{
    /// <summary>Whether the options name side features for either tower.</summary>
    private bool UsesFeatureTowers => FeatureTowers.Names(Options.UserFeatures).Length > 0 || FeatureTowers.Names(Options.ItemFeatures).Length > 0;

    private ModelState ExportWithFeatures()
    {
        var state = new ModelState(Options);
        state.Structure = new JsonObject
        {
            ["feature_towers"] = true,
            ["user_features"] = FeatureTableState.Export(_userFeatures, FeatureTowers.Names(Options.UserFeatures), "user_features", state),
            ["item_features"] = FeatureTableState.Export(_itemFeatures, FeatureTowers.Names(Options.ItemFeatures), "item_features", state),
            ["query_variables"] = FeatureTableState.ExportVariables(QueryModel.Variables, "query", state),
            ["candidate_variables"] = FeatureTableState.ExportVariables(CandidateModel.Variables, "candidate", state),
            ["temperature"] = _task.Temperature,
            ["remove_accidental_hits"] = _task.RemoveAccidentalHits,
        };
        return state;
    }

    private void ImportWithFeatures(JsonObject structure, ModelState state, Interactions train)
    {
        var build = _build ?? throw new InvalidDataException("This two-tower model cannot rebuild feature towers.");
        var users = FeatureTableState.Import(structure["user_features"], "user_features", state);
        var items = FeatureTableState.Import(structure["item_features"], "item_features", state);
        var (query, candidate) = build(train, users, items);
        FeatureTableState.ImportVariables(query.Variables, structure["query_variables"], "query", state);
        FeatureTableState.ImportVariables(candidate.Variables, structure["candidate_variables"], "candidate", state);
        (_userFeatures, _itemFeatures) = (users, items);
        float temperature = structure["temperature"]?.GetValue<float>() ?? 1f;
        bool removeHits = structure["remove_accidental_hits"]?.GetValue<bool>() ?? false;
        _task = new Retrieval(temperature: temperature, removeAccidentalHits: removeHits);
        SetTowers(query, candidate);
        TrainingData = train;
    }
}
