using Reco.Serialization;
using static Reco.Tests.Serialization.ModelFolders;

namespace Reco.Tests.Serialization;

public class ModelManifestTests
{
    private const string Sha = "\"0000000000000000000000000000000000000000000000000000000000000000\"";

    public static TheoryData<string, string> HandEdited => new()
    {
        { "[]", "not a JSON object" },
        { "null", "not a JSON object" },
        { "\"text\"", "not a JSON object" },
        { "{\"format\": 7, \"version\": 1, \"kind\": \"test\", \"files\": {}}", "\"format\"" },
        { "{\"format\": \"zip\", \"version\": 1, \"kind\": \"test\", \"files\": {}}", "not a Reco model manifest" },
        { "{\"format\": \"reco-model\", \"version\": \"one\", \"kind\": \"test\", \"files\": {}}", "\"version\"" },
        { "{\"format\": \"reco-model\", \"kind\": \"test\", \"files\": {}}", "\"version\"" },
        { "{\"format\": \"reco-model\", \"version\": 2, \"kind\": \"test\", \"files\": {}}", "newer" },
        { "{\"format\": \"reco-model\", \"version\": 1, \"kind\": 3, \"files\": {}}", "\"kind\"" },
        { "{\"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\", \"files\": [\"a.bin\"]}", "an array" },
        { "{\"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\"}", "\"files\"" },
        { "{\"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\", \"files\": {\"a.bin\": 5}}", "should be an object" },
        { "{\"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\", \"files\": {\"a.bin\": {\"bytes\": \"abc\", \"sha256\": " + Sha + "}}}", "\"bytes\" (\"abc\")" },
        { "{\"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\", \"files\": {\"a.bin\": {\"bytes\": 1.5, \"sha256\": " + Sha + "}}}", "\"bytes\"" },
        { "{\"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\", \"files\": {\"a.bin\": {\"bytes\": -1, \"sha256\": " + Sha + "}}}", "\"bytes\"" },
        { "{\"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\", \"files\": {\"a.bin\": {\"sha256\": " + Sha + "}}}", "\"bytes\" (missing)" },
        { "{\"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\", \"files\": {\"a.bin\": {\"bytes\": 5}}}", "\"sha256\" (missing)" },
        { "{\"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\", \"files\": {\"a.bin\": {\"bytes\": 5, \"sha256\": 12}}}", "\"sha256\"" },
        { "{\"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\", \"files\": {\"a.bin\": {\"bytes\": 5, \"sha256\": \"xyz\"}}}", "64 hexadecimal" },
        { "{\"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\", \"files\": {\"../a.bin\": {\"bytes\": 5, \"sha256\": " + Sha + "}}}", "invalid file name" },
        { "{\"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\", \"files\": {\"..\": {\"bytes\": 5, \"sha256\": " + Sha + "}}}", "invalid file name" },
        { "{\"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\", \"files\": {\"a.bin\": {\"bytes\": 5, \"sha256\": " + Sha + "}, \"a.bin\": {\"bytes\": 5, \"sha256\": " + Sha + "}}}", "manifest.json" },
        { "{\"format\": \"reco-model\", \"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\", \"files\": {}}", "manifest.json" },
    };

    [Theory]
    [MemberData(nameof(HandEdited))]
    public void AHandEditedManifestIsACorruptModelNamingTheFile(string manifest, string expected)
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, Kind, Model("m1"));
        var path = Path.Combine(ModelDirectory.CurrentFolder(dir), ModelDirectory.ManifestName);
        File.WriteAllText(path, manifest);

        var error = Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, Kind));
        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("System.", error.Message);
        Assert.Null(ModelDirectory.ReadKind(dir));
        Assert.Empty(ModelDirectory.ListVersions(dir));
    }

    [Fact]
    public void AHandEditedFlatManifestIsACorruptModelToo()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        WriteFlat(dir, "old");
        var path = Path.Combine(dir, ModelDirectory.ManifestName);
        File.WriteAllText(path, "{\"format\": \"reco-model\", \"version\": 1, \"kind\": \"test\", \"files\": {\"id.txt\": {\"bytes\": \"abc\"}}}");
        var error = Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, Kind));
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void AnEntryThatIsAFolderIsReportedByName()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, Kind, Model("m1"));
        var version = ModelDirectory.CurrentFolder(dir);
        File.Delete(Path.Combine(version, "id.txt"));
        Directory.CreateDirectory(Path.Combine(version, "id.txt"));
        var error = Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, Kind));
        Assert.Contains("id.txt", error.Message);
    }
}
