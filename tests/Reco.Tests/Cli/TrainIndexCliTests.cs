using Reco.Serialization;
using Reco.Serving;

namespace Reco.Tests.Cli;

[Collection(GlobalRandomSeed.Name)]
public class TrainIndexCliTests
{
    [Fact]
    public async Task TrainSavesTheIndexInTheVersionAndServingLoadsIt()
    {
        var data = MovieLensFiles.Write();
        var model = Path.Combine(TestData.TempDirectory(), "model");
        var (code, output, error) = await CliRunner.Run("train", "als", "--data-dir", data, "--split", "none", "-o", "factors=8", "-o", "iterations=3", "--save", model, "--index", "ivf");
        Assert.True(code == 0, error);
        Assert.Contains($"Saved the model with its ivf index to {model}", output, StringComparison.Ordinal);

        var saved = RecommenderFile.Load(model);
        Assert.Equal("ivf", saved.Index!.KindName);
        using var service = new RecommendationService(saved, new ServingOptions { Index = "auto" });
        Assert.True(service.UsesSavedIndex);
        service.Verify();
    }
}
