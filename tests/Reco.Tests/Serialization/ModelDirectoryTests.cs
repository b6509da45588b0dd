using Reco.Serialization;

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
    }

    [Fact]
    public void TruncatedFileIsReportedByName()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, "test", Files);
        File.WriteAllBytes(Path.Combine(dir, "a.bin"), [1, 2]);
        var error = Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, "test"));
        Assert.Contains("a.bin", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void AlteredByteFailsTheChecksum()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, "test", Files);
        File.WriteAllBytes(Path.Combine(dir, "a.bin"), [1, 2, 3, 4, 6]);
        var error = Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, "test"));
        Assert.Contains("SHA-256", error.Message);
        Assert.EndsWith("a.bin", error.FilePath);
    }

    [Fact]
    public void MissingFileManifestOrFolderAreClearErrors()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        Assert.Throws<ModelNotFoundException>(() => ModelDirectory.Read(dir, "test"));

        ModelDirectory.Write(dir, "test", Files);
        File.Delete(Path.Combine(dir, "b.json"));
        Assert.Contains("missing", Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, "test")).Message);

        File.WriteAllText(Path.Combine(dir, ModelDirectory.ManifestName), "{ not json");
        Assert.Contains("not valid JSON", Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, "test")).Message);

        File.Delete(Path.Combine(dir, ModelDirectory.ManifestName));
        Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, "test"));
    }

    [Fact]
    public void WrongKindIsRejected()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, "test", Files);
        Assert.Contains("'test' model", Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, "other")).Message);
    }

    [Fact]
    public void FailedWriteKeepsThePreviousModel()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, "test", Files);
        Assert.Throws<ArgumentException>(() => ModelDirectory.Write(dir, "test", new Dictionary<string, byte[]> { ["../escape"] = [1] }));
        Assert.Equal(Files["a.bin"], ModelDirectory.Read(dir, "test")["a.bin"]);
        Assert.Single(Directory.GetDirectories(Path.GetDirectoryName(dir)!));
    }
}
