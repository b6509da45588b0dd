using System.Text.Json.Nodes;
using Reco.Indexes;
using Reco.Models;
using Reco.Models.Persistence;
using Reco.Serialization;
using Reco.Serving;
using Reco.Tests.Indexes;
using Reco.Tests.Models;

namespace Reco.Tests.Serialization;

public class SavedIndexTests
{
    public static TheoryData<string> Kinds => IndexReference.Kinds();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AnIndexSavedWithTheModelIsServedAndAnswersAsABuiltOne(string kind)
    {
        var model = Als(seed: 1);
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        // IVF probes every list here, so that every kind's answers can be compared with exact ones.
        var settings = new VectorIndexOptions { Ivf = new IvfOptions { Lists = 4, Probes = 4 } };
        Assert.Equal(VectorIndex.ParseKind(kind), RecommenderFile.Save(folder, model, null, kind, settings));

        var version = ModelDirectory.VersionPath(folder, 1);
        Assert.True(File.Exists(Path.Combine(version, "index.json")));
        Assert.True(File.Exists(Path.Combine(version, "index.items.f32")));
        var manifest = JsonNode.Parse(File.ReadAllBytes(Path.Combine(version, ModelDirectory.ManifestName)))!["files"]!.AsObject();
        Assert.All(Directory.GetFiles(version).Select(Path.GetFileName).Where(f => f != ModelDirectory.ManifestName), f => Assert.True(manifest.ContainsKey(f!), $"{f} is not in the manifest"));

        using var saved = RecommendationService.Load(folder, new ServingOptions { Index = kind });
        Assert.True(saved.UsesSavedIndex);
        Assert.Equal(VectorIndex.ParseKind(kind), saved.IndexKind);
        Assert.StartsWith($"loaded the saved {kind} index (30 items", saved.IndexDescription, StringComparison.Ordinal);
        Assert.Contains("its item vectors are the model's", saved.IndexDescription, StringComparison.Ordinal);
        saved.Verify();

        // Exact answers (HNSW's ef 128 over 30 items and IVF's 4 of 4 lists find them all).
        using var built = RecommendationService.Load(folder, new ServingOptions { Index = "exact", UseSavedIndex = false });
        Assert.False(built.UsesSavedIndex);
        Assert.StartsWith("built the", built.IndexDescription, StringComparison.Ordinal);
        foreach (var user in new[] { "u0", "u7", "u19", "u33" })
        {
            var a = saved.Recommend(user, 5);
            var b = built.Recommend(user, 5);
            Assert.Equal(b.Items.Select(i => i.Id), a.Items.Select(i => i.Id));
            for (int r = 0; r < b.Items.Count; r++)
            {
                Assert.Equal(b.Items[r].Score, a.Items[r].Score, kind == "exact" ? 0f : 1e-6f);
            }
        }
    }

    [Fact]
    public void TheModelRecordsTheIndexKindSettingsAndFingerprint()
    {
        var model = Als(seed: 1);
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        RecommenderFile.Save(folder, model, null, "ivf", new VectorIndexOptions { Ivf = new IvfOptions { Lists = 4, Probes = 2 } });

        var index = RecommenderFile.Load(folder).Index!;
        Assert.Equal(VectorIndexKind.Ivf, index.Kind);
        Assert.Equal("ivf", index.Requested);
        Assert.Equal("4", index.Settings["lists"]);
        Assert.Equal("2", index.Settings["probes"]);
        Assert.Equal(30, index.ItemCount);
        Assert.Equal(8, index.Dimension);
        var vectors = new float[30 * 8];
        ((IVectorModel)model).ItemVectors(vectors);
        Assert.Equal(IndexedVectors.Fingerprint(vectors), index.ItemVectorsSha256);

        var header = JsonNode.Parse(File.ReadAllBytes(Path.Combine(ModelDirectory.VersionPath(folder, 1), "model.json")))!["index"]!;
        Assert.Equal("ivf", header["kind"]!.GetValue<string>());
        Assert.Equal(index.ItemVectorsSha256, header["item_vectors_sha256"]!.GetValue<string>());
    }

    [Fact]
    public void AutoUsesWhateverIndexWasSavedAndAnotherKindIsBuilt()
    {
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        Assert.Equal(VectorIndexKind.Exact, RecommenderFile.Save(folder, Als(seed: 1), null, "auto"));
        Assert.Equal("auto", RecommenderFile.Load(folder).Index!.Requested);

        using (var auto = RecommendationService.Load(folder, new ServingOptions { Index = "auto" }))
        {
            Assert.True(auto.UsesSavedIndex);
            Assert.Contains("saved as exact: 30 items, below", auto.IndexDescription, StringComparison.Ordinal);
        }

        using var ivf = RecommendationService.Load(folder, new ServingOptions { Index = "ivf" });
        Assert.False(ivf.UsesSavedIndex);
        Assert.Equal(VectorIndexKind.Ivf, ivf.IndexKind);
    }

    [Fact]
    public void AModelSavedWithoutAnIndexIsServedWithABuiltOne()
    {
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        RecommenderFile.Save(folder, Als(seed: 1));
        Assert.Null(RecommenderFile.Load(folder).Index);
        Assert.DoesNotContain(Directory.GetFiles(ModelDirectory.VersionPath(folder, 1)), f => Path.GetFileName(f).StartsWith("index.", StringComparison.Ordinal));
        using var service = RecommendationService.Load(folder, new ServingOptions { Index = "ivf" });
        Assert.False(service.UsesSavedIndex);
        Assert.StartsWith("built the ivf index", service.IndexDescription, StringComparison.Ordinal);
        Assert.Equal(5, service.Recommend("u3", 5).Items.Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void OneChangedByteOfAnIndexFileIsFoundOnLoad(string kind)
    {
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        RecommenderFile.Save(folder, Als(seed: 1), null, kind);
        var file = Path.Combine(ModelDirectory.VersionPath(folder, 1), "index.items.f32");
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 3] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        var error = Assert.Throws<CorruptModelException>(() => RecommendationService.Load(folder, new ServingOptions { Index = kind }).Dispose());
        Assert.Contains("index.items.f32 is corrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AnIndexFromAnotherModelIsRefusedEvenWithAMatchingManifest(string kind)
    {
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        var other = Path.Combine(TestData.TempDirectory(), "other");
        RecommenderFile.Save(folder, Als(seed: 1), null, kind);
        RecommenderFile.Save(other, Als(seed: 2), null, kind);
        SwapIndex(from: ModelDirectory.VersionPath(other, 1), into: folder, version: 1);
        Assert.NotNull(RecommenderFile.Load(folder).Index); // every checksum matches: only the vectors tell

        var error = Assert.Throws<CorruptModelException>(() => RecommendationService.Load(folder, new ServingOptions { Index = kind }).Dispose());
        Assert.Contains($"cannot be served with its saved index: The saved {kind} index does not belong to this model: it was built from other item vectors (SHA-256 ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);

        // Without the saved index the model itself is fine.
        using var built = RecommendationService.Load(folder, new ServingOptions { Index = kind, UseSavedIndex = false });
        built.Verify();
    }

    [Fact]
    public void AModelWithoutItemVectorsCannotBeSavedWithAnIndex()
    {
        var knn = (IPersistentRecommender)AlgorithmCatalog.Create("item-knn", []);
        knn.Fit(ClassicData.Clustered());
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        var error = Assert.Throws<ArgumentException>(() => RecommenderFile.Save(folder, knn, null, "ivf"));
        Assert.StartsWith("The item-knn model has no item vectors", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void IndexFilesWithoutTheirRecordAreACorruptModel()
    {
        var folder = Path.Combine(TestData.TempDirectory(), "model");
        RecommenderFile.Save(folder, Als(seed: 1), null, "exact");
        var files = ModelDirectory.Read(folder, RecommenderFile.Kind).ToDictionary(f => f.Key, f => f.Value);
        var header = JsonNode.Parse(files["model.json"])!.AsObject();
        header.Remove("index");
        files["model.json"] = System.Text.Encoding.UTF8.GetBytes(header.ToJsonString());
        ModelDirectory.Write(folder, RecommenderFile.Kind, files);

        var error = Assert.Throws<CorruptModelException>(() => RecommenderFile.Load(folder));
        Assert.Contains("holds index files (index.", error.Message, StringComparison.Ordinal);
    }

    /// <summary>An ALS model on the implicit test data; <paramref name="seed"/> changes its factors.</summary>
    internal static IPersistentRecommender Als(int seed)
    {
        var model = (IPersistentRecommender)AlgorithmCatalog.Create("als", ["factors=8", "iterations=5", $"seed={seed}"]);
        model.Fit(ClassicData.Implicit());
        return model;
    }

    /// <summary>
    /// Replaces the index files of <paramref name="version"/> of <paramref name="into"/> with those of the
    /// version folder <paramref name="from"/> and rewrites the manifest to match, so that every checksum holds.
    /// </summary>
    internal static void SwapIndex(string from, string into, int version)
    {
        var files = ModelDirectory.Read(into, RecommenderFile.Kind, version).ToDictionary(f => f.Key, f => f.Value);
        foreach (var file in Directory.GetFiles(from, "index.*"))
        {
            files[Path.GetFileName(file)] = File.ReadAllBytes(file);
        }

        var staging = Path.Combine(TestData.TempDirectory(), "swap");
        ModelDirectory.Write(staging, RecommenderFile.Kind, files);
        var target = ModelDirectory.VersionPath(into, version);
        Directory.Delete(target, recursive: true);
        Directory.Move(ModelDirectory.VersionPath(staging, 1), target);
    }
}
