using Reco.Layers;
using Reco.Models.TwoTower;
using static Reco.Tests.Models.TwoTower.TwoTowerTestData;

namespace Reco.Tests.Models.TwoTower;

/// <summary>The catalogue's two-tower model and the process-wide seed.</summary>
[Collection(GlobalRandomSeed.Name)]
public class TwoTowerSeedTests
{
    [Fact]
    public void FitIsReproducibleWhileOtherCodeDrawsSeeds()
    {
        var data = Clustered(users: 12, items: 12, perUser: 4);
        var options = new TwoTowerOptions { EmbeddingDim = 4, Epochs = 1, BatchSize = 16, Seed = 5 };
        var expected = Fit(data, options);

        // Another thread setting the seed and making layers without seeds of their own (a server fitting
        // several models, tests in parallel).
        bool stop = false;
        var noise = new Thread(() =>
        {
            for (int i = 0; !Volatile.Read(ref stop); i++)
            {
                RandomSeed.Set(i);
                _ = new Embedding(50, 4);
            }
        })
        { IsBackground = true };
        noise.Start();
        try
        {
            for (int run = 0; run < 20; run++)
            {
                Assert.Equal(expected, Fit(data, options));
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            noise.Join();
        }
    }

    [Fact]
    public void FitLeavesTheProcessWideSeedAlone()
    {
        RandomSeed.Set(123);
        int expected = RandomSeed.Next();
        RandomSeed.Set(123);
        TwoTowerModel.ForIds(new TwoTowerOptions { EmbeddingDim = 4, Epochs = 1, Seed = 9 }).Fit(Clustered(users: 8, items: 8, perUser: 3));
        Assert.Equal(expected, RandomSeed.Next());
    }

    private static float[][] Fit(Reco.Data.Interactions data, TwoTowerOptions options)
    {
        var model = TwoTowerModel.ForIds(options);
        model.Fit(data);
        return AllScores(model);
    }
}
