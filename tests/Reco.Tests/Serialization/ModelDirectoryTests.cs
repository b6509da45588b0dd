using Reco.Serialization;
using static Reco.Tests.Serialization.ModelFolders;

namespace Reco.Tests.Serialization;

public class ModelDirectoryTests
{
    private static readonly Dictionary<string, byte[]> Files = new()
    {
        ["a.bin"] = [1, 2, 3, 4, 5],
        ["b.json"] = "{\"x\": 1}"u8.ToArray(),
    };

    [Fact]
    public void RoundTripsFilesAndLeavesNoStagingFolders()
    {
        var root = TestData.TempDirectory();
        var dir = Path.Combine(root, "model");
        ModelDirectory.Write(dir, "test", Files);
        ModelDirectory.Write(dir, "test", new Dictionary<string, byte[]> { ["a.bin"] = [9] });

        var read = ModelDirectory.Read(dir, "test");
        Assert.Equal([9], read["a.bin"]);
        Assert.False(read.ContainsKey("b.json"));
        Assert.Equal(["model"], Directory.GetDirectories(root).Select(Path.GetFileName));
        Assert.Equal([".reco-lock", "1", "2", "CURRENT"], Entries(dir));
        Assert.Equal("2\n", File.ReadAllText(Path.Combine(dir, "CURRENT")));
        Assert.Equal(Files["a.bin"], ModelDirectory.Read(dir, "test", 1)["a.bin"]);
    }

    [Fact]
    public void EachSaveAddsAVersionAndTheNewestTwoAreKept()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        for (int i = 1; i <= 5; i++)
        {
            ModelDirectory.Write(dir, Kind, Model($"m{i}"));
            Assert.Equal(i, ModelDirectory.CurrentVersion(dir));
            Assert.Equal($"m{i}", ReadId(dir));
        }

        Assert.Equal([4, 5], ModelDirectory.ListVersions(dir));
        Assert.Equal(5, ModelDirectory.NewestCompleteVersion(dir));
        Assert.Empty(ScratchEntries(dir));
    }

    [Fact]
    public void HowManyVersionsAreKeptIsConfigurable()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        for (int i = 1; i <= 5; i++)
        {
            ModelDirectory.Write(dir, Kind, Model($"m{i}"), new ModelSaveOptions { KeepVersions = 3 });
        }

        Assert.Equal([3, 4, 5], ModelDirectory.ListVersions(dir));
        ModelDirectory.Write(dir, Kind, Model("m6"), new ModelSaveOptions { KeepVersions = 1 });
        Assert.Equal([6], ModelDirectory.ListVersions(dir));
        Assert.Throws<ArgumentException>(() => ModelDirectory.Write(dir, Kind, Model("m7"), new ModelSaveOptions { KeepVersions = 0 }));
        Assert.Equal("m6", ReadId(dir));
    }

    [Fact]
    public void PruningLeavesAVersionThatHoldsAnythingElse()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, Kind, Model("m1"), new ModelSaveOptions { KeepVersions = 1 });
        ModelDirectory.Write(dir, Kind, Model("m2"), new ModelSaveOptions { KeepVersions = 1 });
        Directory.CreateDirectory(Path.Combine(dir, "2", "mine"));
        File.WriteAllText(Path.Combine(dir, "2", "mine", "notes.txt"), "keep me");
        for (int i = 3; i <= 4; i++)
        {
            ModelDirectory.Write(dir, Kind, Model($"m{i}"), new ModelSaveOptions { KeepVersions = 1 });
        }

        // Version 2 holds the user's folder: it stays, with everything in it; version 3 was pruned as usual.
        Assert.Equal([2, 4], ModelDirectory.ListVersions(dir));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(dir, "2", "mine", "notes.txt")));
        Assert.Equal("m4", ReadId(dir));
        Assert.Empty(ScratchEntries(dir));
    }

    [Fact]
    public void TruncatedFileIsReportedByName()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, "test", Files);
        File.WriteAllBytes(Path.Combine(ModelDirectory.CurrentFolder(dir), "a.bin"), [1, 2]);
        var error = Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, "test"));
        Assert.Contains("a.bin", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void AlteredByteFailsTheChecksum()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, "test", Files);
        File.WriteAllBytes(Path.Combine(ModelDirectory.CurrentFolder(dir), "a.bin"), [1, 2, 3, 4, 6]);
        var error = Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, "test"));
        Assert.Contains("SHA-256", error.Message);
        Assert.EndsWith("a.bin", error.FilePath);
    }

    [Fact]
    public void MissingFileManifestOrFolderAreClearErrors()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        Assert.Throws<ModelNotFoundException>(() => ModelDirectory.Read(dir, "test"));
        Directory.CreateDirectory(dir);
        Assert.Contains("empty", Assert.Throws<ModelNotFoundException>(() => ModelDirectory.Read(dir, "test")).Message);

        ModelDirectory.Write(dir, "test", Files);
        var version = ModelDirectory.CurrentFolder(dir);
        File.Delete(Path.Combine(version, "b.json"));
        Assert.Contains("missing", Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, "test")).Message);

        File.WriteAllText(Path.Combine(version, ModelDirectory.ManifestName), "{ not json");
        Assert.Contains("not valid JSON", Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, "test")).Message);

        File.Delete(Path.Combine(version, ModelDirectory.ManifestName));
        var error = Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, "test"));
        Assert.Contains("has no manifest.json", error.Message);
        Assert.Null(ModelDirectory.ReadKind(dir));
    }

    [Fact]
    public void WrongKindIsRejected()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, "test", Files);
        Assert.Equal("test", ModelDirectory.ReadKind(dir));
        Assert.Contains("'test' model", Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, "other")).Message);
    }

    [Fact]
    public void FailedWriteKeepsThePreviousModel()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, "test", Files);
        foreach (var bad in new[] { "../escape", "..", ".", "", "sub/file", ModelDirectory.ManifestName })
        {
            Assert.Throws<ArgumentException>(() => ModelDirectory.Write(dir, "test", new Dictionary<string, byte[]> { [bad] = [1] }));
        }

        Assert.Equal(Files["a.bin"], ModelDirectory.Read(dir, "test")["a.bin"]);
        Assert.Single(Directory.GetDirectories(Path.GetDirectoryName(dir)!));
        Assert.Equal([1], ModelDirectory.ListVersions(dir));
    }

    [Fact]
    public void ReadKindIsNullWhereThereIsNoModel()
    {
        var root = TestData.TempDirectory();
        Assert.Null(ModelDirectory.ReadKind(Path.Combine(root, "nothing")));
        Assert.Null(ModelDirectory.ReadKind(root));
        File.WriteAllText(Path.Combine(root, "CURRENT"), "garbage");
        Assert.Null(ModelDirectory.ReadKind(root));
    }
}
