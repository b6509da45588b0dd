using Reco.Data;
using Reco.Data.Splits;
using Reco.Evaluation.Protocols;

namespace Reco.Tests.Evaluation.Protocols;

public class SplitsAndProtocolTests
{
    private static Interactions Data(int users = 20, int perUser = 10)
    {
        var random = new Random(3);
        var rows = new List<(string, string, float, long)>();
        for (int u = 0; u < users; u++)
        {
            for (int r = 0; r < perUser + (u % 3); r++)
            {
                rows.Add(($"u{u}", $"i{random.Next(50)}", 1 + random.Next(5), 1000 + random.Next(100000)));
            }
        }

        return Interactions.From(rows);
    }

    private static IEnumerable<(int, int, long)> Rows(Interactions data)
        => Enumerable.Range(0, data.Count).Select(r => (data.UserIndices[r], data.ItemIndices[r], data.Timestamps[r]));

    [Fact]
    public void RandomSplitPartitionsAndIsSeeded()
    {
        var data = Data();
        var (train, test) = InteractionSplits.Random(data, 0.8, seed: 1);
        Assert.Equal(data.Count, train.Count + test.Count);
        Assert.Equal((int)Math.Round(data.Count * 0.8), train.Count);
        Assert.Equal(Rows(data).Order(), Rows(train).Concat(Rows(test)).Order());
        Assert.Equal(Rows(train), Rows(InteractionSplits.Random(data, 0.8, seed: 1).Train));
        Assert.NotEqual(Rows(train), Rows(InteractionSplits.Random(data, 0.8, seed: 2).Train));
    }

    [Fact]
    public void StratifiedSplitKeepsEachUsersShare()
    {
        var data = Data();
        var (train, test) = InteractionSplits.Stratified(data, 0.75, seed: 42);
        for (int u = 0; u < data.UserCount; u++)
        {
            int n = data.UserIndices.ToArray().Count(x => x == u);
            Assert.Equal((int)Math.Floor(n * 0.75), train.UserIndices.ToArray().Count(x => x == u));
            Assert.Equal(n - (int)Math.Floor(n * 0.75), test.UserIndices.ToArray().Count(x => x == u));
        }
    }

    [Fact]
    public void LeaveLastOutTestsEachUsersLatest()
    {
        var data = Data();
        var (train, test) = InteractionSplits.LeaveLastOut(data, 2);
        Assert.Equal(data.UserCount * 2, test.Count);
        for (int u = 0; u < data.UserCount; u++)
        {
            long latestTrain = Rows(train).Where(r => r.Item1 == u).Max(r => r.Item3);
            long earliestTest = Rows(test).Where(r => r.Item1 == u).Min(r => r.Item3);
            Assert.True(latestTrain <= earliestTest);
        }
    }

    [Fact]
    public void TemporalSplitCutsAtOneTime()
    {
        var data = Data();
        var (train, test) = InteractionSplits.Temporal(data, 0.8);
        Assert.True(Rows(train).Max(r => r.Item3) <= Rows(test).Min(r => r.Item3));
        Assert.Throws<ArgumentException>(() => InteractionSplits.Temporal(new Interactions(data.Users, data.Items, [0], [0]), 0.5));
    }

    [Fact]
    public void KFoldTestsEveryInteractionExactlyOnce()
    {
        var data = Data();
        var folds = InteractionSplits.KFold(data, 4, seed: 7).ToArray();
        Assert.Equal(4, folds.Length);
        Assert.Equal(Rows(data).Order(), folds.SelectMany(f => Rows(f.Test)).Order());
        foreach (var (train, test) in folds)
        {
            Assert.Equal(data.Count, train.Count + test.Count);
        }
    }

    [Theory]
    [InlineData("random:0.8", 1)]
    [InlineData("random", 1)]
    [InlineData("stratified:0.75", 1)]
    [InlineData("temporal:0.9", 1)]
    [InlineData("leave-last:1", 1)]
    [InlineData("kfold:3", 3)]
    public void ProtocolsParseAndFold(string specification, int folds)
    {
        var data = Data();
        var protocol = Protocol.Parse(specification, seed: 4);
        Assert.Equal(folds, protocol.Folds(data).Count());
        Assert.All(protocol.Folds(data), f => Assert.Equal(data.Count, f.Train.Count + f.Test.Count));
    }

    [Theory]
    [InlineData("random:1.5")]
    [InlineData("kfold:1")]
    [InlineData("kfold:x")]
    [InlineData("random:0.8:extra")]
    [InlineData("u1 u2")]
    [InlineData("")]
    public void BadProtocolsAreClearErrors(string specification)
    {
        var error = Assert.Throws<FormatException>(() => Protocol.Parse(specification));
        Assert.Contains($"'{specification}'", error.Message);
    }

    [Theory]
    [InlineData("u1")]
    [InlineData("bootstrap")]
    public void PredefinedFoldsNeedDataThatHasThem(string specification)
    {
        var error = Assert.Throws<ArgumentException>(() => Protocol.Parse(specification).Folds(Data()).ToArray());
        Assert.Contains("has none", error.Message);
    }

    [Fact]
    public void PredefinedFoldsAreReadFromTheirProviderByName()
    {
        var data = Data();
        var provider = new TwoFolds();
        var folds = Protocol.Parse("both").Folds(data, provider).ToArray();
        Assert.Equal(["a", "b"], folds.Select(f => f.Name));
        Assert.All(folds, f => Assert.Same(data.Items, f.Train.Items));
        var error = Assert.Throws<ArgumentException>(() => Protocol.Parse("c").Folds(data, provider).ToArray());
        Assert.Contains("a, b or both", error.Message);
    }

    /// <summary>Two folds named a and b (each holding out every other row), and "both".</summary>
    private sealed class TwoFolds : IPredefinedFolds
    {
        public string Help => "a, b or both";

        public IReadOnlyList<string>? Resolve(string specification) => specification switch
        {
            "a" or "b" => [specification],
            "both" => ["a", "b"],
            _ => null,
        };

        public (Interactions Train, Interactions Test) Load(string name, Interactions data)
        {
            int parity = name == "a" ? 0 : 1;
            var test = Enumerable.Range(0, data.Count).Where(r => r % 2 == parity).ToArray();
            var train = Enumerable.Range(0, data.Count).Where(r => r % 2 != parity).ToArray();
            return (data.Subset(train), data.Subset(test));
        }
    }
}
