using Reco.Data;
using Reco.Models;
using Reco.Tests.Models;

namespace Reco.Tests.Serving;

/// <summary>Small fitted models of every kind that implements <see cref="IVectorModel"/>.</summary>
internal static class VectorModels
{
    public static readonly string[] Names = ["als", "bpr", "biased-mf", "svdpp", "two-tower"];

    public static IRecommender Fitted(string name, Interactions? data = null)
    {
        string[] options = name switch
        {
            "als" => ["factors=8", "iterations=5"],
            "bpr" => ["factors=8", "epochs=20"],
            "biased-mf" => ["factors=8", "epochs=20"],
            "svdpp" => ["factors=8", "epochs=10"],
            _ => ["dim=8", "epochs=5", "batch-size=64"],
        };
        var model = AlgorithmCatalog.Create(name, options);
        model.Fit(data ?? ClassicData.Clustered(users: 40, items: 30, perUser: 10));
        return model;
    }
}
