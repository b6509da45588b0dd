using Reco.Data;
using Reco.Models;
using Reco.Serialization;

using Reco.Tests.Models;

namespace Reco.Tests.Serialization;

public class RecommenderFileTests
{
    /// <summary>Settings that keep each algorithm fast on tiny data; the list itself is the catalogue's.</summary>
    internal static readonly Dictionary<string, string[]> Fast = new()
    {
        ["average"] = ["of=user"],
        ["user-knn"] = ["k=5"],
        ["item-knn"] = ["k=5", "centring=baseline", "similarity=pearson"],
        ["biased-mf"] = ["factors=4", "epochs=3"],
        ["svdpp"] = ["factors=4", "epochs=3"],
        ["als"] = ["factors=4", "iterations=2"],
        ["bpr"] = ["factors=4", "epochs=2"],
        ["ease"] = ["lambda=10"],
        ["two-tower"] = ["dim=4", "epochs=2", "batch-size=16"],
    };

    public static TheoryData<string, string[]> Algorithms
    {
        get
        {
            var data = new TheoryData<string, string[]>();
            foreach (var algorithm in AlgorithmCatalog.All)
            {
                data.Add(algorithm.Name, Fast.GetValueOrDefault(algorithm.Name, []));
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void SavedModelsScoreExactlyAsBefore(string name, string[] options)
    {
        var data = ClassicData.Clustered(users: 20, items: 15, perUser: 6);
        var features = ItemFeatures.From([.. Enumerable.Range(0, data.ItemCount).Select(i => (IReadOnlyDictionary<string, float>)new Dictionary<string, float> { [$"g{i % 3}"] = 1f, [$"h{i % 2}"] = 0.5f })]);
        var model = (Reco.Models.Persistence.IPersistentRecommender)AlgorithmCatalog.Create(name, options, features);
        model.Fit(data);
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        for (int i = 0; i < data.ItemCount; i++)
        {
            data.Items.SetLabel(i, $"Item {i}");
        }

        RecommenderFile.Save(folder, model);

        var loaded = RecommenderFile.Load(folder);
        Assert.Equal(name, loaded.Model.Name);
        Assert.Equal("Item 3", loaded.TrainingData.Items.LabelOf(3));
        Assert.Equal(data.Count, loaded.Model.TrainingData!.Count);
        foreach (int user in new[] { 0, 7, 19 })
        {
            var before = new float[data.ItemCount];
            var after = new float[data.ItemCount];
            model.ScoreItems(user, before);
            loaded.Model.ScoreItems(user, after);
            Assert.Equal(before, after);
        }

        if (model is IRatingPredictor predictor)
        {
            Assert.Equal(predictor.Predict(2, 3), ((IRatingPredictor)loaded.Model).Predict(2, 3));
        }
    }

    [Fact]
    public void AnAlteredParameterFileIsReportedByName()
    {
        var data = ClassicData.Clustered(users: 10, items: 8, perUser: 4);
        var model = (Reco.Models.Persistence.IPersistentRecommender)AlgorithmCatalog.Create("biased-mf", ["factors=4", "epochs=2"]);
        model.Fit(data);
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        RecommenderFile.Save(folder, model);
        var file = Path.Combine(ModelDirectory.CurrentFolder(folder), "param.item_factors.f32");
        var bytes = File.ReadAllBytes(file);
        bytes[3] ^= 0x40;
        File.WriteAllBytes(file, bytes);

        var error = Assert.Throws<CorruptModelException>(() => RecommenderFile.Load(folder));
        Assert.Contains("param.item_factors.f32", error.Message);

        File.WriteAllBytes(file, bytes[..^4]);
        Assert.Contains("truncated", Assert.Throws<CorruptModelException>(() => RecommenderFile.Load(folder)).Message);
    }

    /// <summary>Files whose checksums match the manifest but whose content is of the wrong shape (as another tool, or a hand edit, could write).</summary>
    public static TheoryData<string, string, string> MisshapenFiles => new()
    {
        { "users.json", "{}", "users.json is not a list of texts" },
        { "users.json", "[null]", "users.json entry 0 must be text" },
        { "users.json", "[\"u1\", \"u1\", \"u2\", \"u3\", \"u4\", \"u5\", \"u6\", \"u7\", \"u8\", \"u9\"]", "The id 'u1' appears twice" },
        { "items.json", "[1, 2]", "items.json is not a list of texts" },
        { "items.json", "[\"a\", null]", "items.json entry 1 must be text" },
        { "items.json", "[\"a\"", "items.json is not valid JSON (line 1" },
        { "model.json", "{\"algorithm\": 5}", "model.json's \"algorithm\" must be text" },
        { "model.json", "{\"algorithm\": \"popularity\", \"options\": {\"weighted\": false}}", "model.json's option \"weighted\" must be text" },
        { "model.json", "{\"algorithm\": \"popularity\"", "model.json is not valid JSON (line 1" },
        { "model.json", "{\"algorithm\": \"popularity\", \"trained_on\": {\"seed\": \"x\"}}", "model.json's \"trained_on\" holds a value of the wrong kind" },
    };

    [Theory]
    [MemberData(nameof(MisshapenFiles))]
    public void AMisshapenFileWithAValidChecksumIsOneLineInTheUsersLanguage(string file, string content, string expected)
    {
        var data = ClassicData.Clustered(users: 10, items: 8, perUser: 4);
        var model = (Reco.Models.Persistence.IPersistentRecommender)AlgorithmCatalog.Create("popularity", []);
        model.Fit(data);
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        RecommenderFile.Save(folder, model);
        var version = ModelDirectory.CurrentFolder(folder);
        var files = new Dictionary<string, byte[]>(ModelDirectory.Read(folder, RecommenderFile.Kind)) { [file] = System.Text.Encoding.UTF8.GetBytes(content) };
        File.WriteAllBytes(Path.Combine(version, file), files[file]);
        File.WriteAllBytes(Path.Combine(version, ModelDirectory.ManifestName), ModelManifest.Create(RecommenderFile.Kind, files));

        var message = Assert.Throws<CorruptModelException>(() => RecommenderFile.Load(folder)).Message;

        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Value cannot be null", message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void EveryCatalogueAlgorithmIsRegisteredWithDefaults()
    {
        string[] expected = ["popularity", "random", "average", "baseline", "content", "user-knn", "item-knn", "biased-mf", "svdpp", "als", "bpr", "blend", "ease", "two-tower"];
        Assert.Equal(expected, AlgorithmCatalog.All.Select(a => a.Name));
        Assert.All(expected, name => Assert.NotNull(AlgorithmCatalog.Get(name)));
        Assert.Equal("500", AlgorithmCatalog.Get("ease").Parameters.Single(p => p.Name == "lambda").Default);
        Assert.Throws<FormatException>(() => AlgorithmCatalog.Create("item-knn", ["similarity=manhattan"]));
        Assert.Throws<FormatException>(() => AlgorithmCatalog.Create("als", ["colour=blue"]));
    }
}
