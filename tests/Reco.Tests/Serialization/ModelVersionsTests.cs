using Reco.Serialization;
using static Reco.Tests.Serialization.ModelFolders;

namespace Reco.Tests.Serialization;

/// <summary>The base-folder layout: numbered versions, the CURRENT pointer, pruning, and folders in the earlier flat layout.</summary>
public class ModelVersionsTests
{
    private static string Saved(params string[] ids)
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        foreach (var id in ids)
        {
            ModelDirectory.Write(dir, Kind, Model(id));
        }

        return dir;
    }

    [Fact]
    public void IncompleteVersionsAreNotListed()
    {
        var dir = Saved("m1", "m2");
        Directory.CreateDirectory(Path.Combine(dir, "7"));                      // no manifest
        Directory.CreateDirectory(Path.Combine(dir, "8"));
        File.WriteAllText(Path.Combine(dir, "8", ModelDirectory.ManifestName), "{");  // unreadable manifest
        CopyVersion(dir, 2, 9);
        File.Delete(Path.Combine(dir, "9", "weights.bin"));                    // a file missing
        CopyVersion(dir, 2, 10);
        File.WriteAllBytes(Path.Combine(dir, "10", "weights.bin"), [1]);       // a file of the wrong size
        CopyVersion(dir, 2, 11);
        Directory.Move(Path.Combine(dir, "11"), Path.Combine(dir, "011"));          // not a version name
        Directory.CreateDirectory(Path.Combine(dir, "12"));

        Assert.Equal([1, 2], ModelDirectory.ListVersions(dir));
        Assert.Equal(2, ModelDirectory.NewestCompleteVersion(dir));
        Assert.Equal(2, ModelDirectory.CurrentVersion(dir));
        Assert.Equal("m1", System.Text.Encoding.UTF8.GetString(ModelDirectory.Read(dir, Kind, 1)["id.txt"]));
        Assert.Throws<ModelNotFoundException>(() => ModelDirectory.Read(dir, Kind, 5));
        Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, Kind, 9));

        // The next save numbers past every numbered entry and prunes only Reco versions.
        ModelDirectory.Write(dir, Kind, Model("m3"));
        Assert.Equal(13, ModelDirectory.CurrentVersion(dir));
        Assert.Equal("m3", ReadId(dir));
        Assert.Equal([".reco-lock", "011", "12", "13", "2", "7", "8", "CURRENT"], Entries(dir));
    }

    [Fact]
    public void AVersionFolderLoadsThroughTheModelFiles()
    {
        var dir = Saved("m1", "m2");
        Assert.Equal("m1", ReadId(ModelDirectory.VersionPath(dir, 1)));
        Assert.Equal(Path.Combine(dir, "2"), ModelDirectory.CurrentFolder(dir));
    }

    [Fact]
    public void APointerToAMissingVersionIsACorruptModelNamingIt()
    {
        var dir = Saved("m1", "m2");
        File.WriteAllText(Path.Combine(dir, "CURRENT"), "5\n");
        var error = Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, Kind));
        Assert.Contains("version 5", error.Message);
        Assert.Contains("1, 2", error.Message);
        Assert.EndsWith("5", error.FilePath);
        Assert.Null(ModelDirectory.ReadKind(dir));

        // Saving repairs it, and keeps the versions there were.
        ModelDirectory.Write(dir, Kind, Model("m3"));
        Assert.Equal("m3", ReadId(dir));
        Assert.Equal([2, 3], ModelDirectory.ListVersions(dir));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1.0")]
    [InlineData("99999999999999999999")]
    [InlineData("\u0000\u0001binary")]
    public void GarbageInThePointerIsACorruptModelNamingIt(string garbage)
    {
        var dir = Saved("m1", "m2");
        var pointer = Path.Combine(dir, "CURRENT");
        File.WriteAllText(pointer, garbage);
        var error = Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, Kind));
        Assert.Equal(pointer, error.FilePath);
        Assert.Contains("current version", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\u0000', error.Message);
        Assert.Throws<CorruptModelException>(() => ModelDirectory.CurrentVersion(dir));

        ModelDirectory.Write(dir, Kind, Model("m3"));
        Assert.Equal("m3", ReadId(dir));
    }

    [Fact]
    public void APointerFileOfAnyLengthIsReadSafely()
    {
        var dir = Saved("m1");
        File.WriteAllBytes(Path.Combine(dir, "CURRENT"), new byte[1 << 20]);
        Assert.Throws<CorruptModelException>(() => ModelDirectory.Read(dir, Kind));
        File.WriteAllText(Path.Combine(dir, "CURRENT"), " 1 \r\n");
        Assert.Equal("m1", ReadId(dir));
    }

    [Fact]
    public void WithoutAPointerTheNewestCompleteVersionIsRead()
    {
        var dir = Saved("m1", "m2");
        File.Delete(Path.Combine(dir, "CURRENT"));
        Assert.Equal("m2", ReadId(dir));
        Assert.Null(ModelDirectory.CurrentVersion(dir));
        Directory.CreateDirectory(Path.Combine(dir, "3"));   // incomplete: ignored
        Assert.Equal("m2", ReadId(dir));
    }

    [Fact]
    public void PruningKeepsTheCurrentVersionAndNeverDeletesOtherFiles()
    {
        var dir = Saved("m1");
        File.WriteAllText(Path.Combine(dir, "README.txt"), "my notes");
        Directory.CreateDirectory(Path.Combine(dir, "scripts"));
        for (int i = 2; i <= 4; i++)
        {
            ModelDirectory.Write(dir, Kind, Model($"m{i}"));
        }

        Assert.Equal([".reco-lock", "3", "4", "CURRENT", "README.txt", "scripts"], Entries(dir));
        Assert.Equal("my notes", File.ReadAllText(Path.Combine(dir, "README.txt")));
    }

    [Fact]
    public void AFlatModelIsReadAsBefore()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        WriteFlat(dir, "old");
        Assert.Equal("old", ReadId(dir));
        Assert.Equal(Kind, ModelDirectory.ReadKind(dir));
        Assert.Equal(dir, ModelDirectory.CurrentFolder(dir));
        Assert.Null(ModelDirectory.CurrentVersion(dir));
        Assert.True(ModelDirectory.IsSavedModel(dir));
    }

    [Fact]
    public void SavingOntoAFlatModelKeepsItAsVersionOneAndLeavesOtherFiles()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        WriteFlat(dir, "old");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");

        ModelDirectory.Write(dir, Kind, Model("new"));

        Assert.Equal("new", ReadId(dir));
        Assert.Equal(2, ModelDirectory.CurrentVersion(dir));
        Assert.Equal("old", ReadId(ModelDirectory.VersionPath(dir, 1)));
        Assert.Equal([".reco-lock", "1", "2", "CURRENT", "notes.txt"], Entries(dir));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));
    }

    [Fact]
    public void IsSavedModelRecognisesBothLayoutsOnly()
    {
        var root = TestData.TempDirectory();
        Assert.False(ModelDirectory.IsSavedModel(root));
        Assert.False(ModelDirectory.IsSavedModel(Path.Combine(root, "none")));
        var dir = Saved("m1");
        Assert.True(ModelDirectory.IsSavedModel(dir));
        Assert.True(ModelDirectory.IsSavedModel(Path.Combine(dir, "1")));
        File.Delete(Path.Combine(dir, "CURRENT"));
        Assert.True(ModelDirectory.IsSavedModel(dir));
    }

    private static void CopyVersion(string dir, int from, int to)
    {
        var target = Directory.CreateDirectory(Path.Combine(dir, to.ToString(System.Globalization.CultureInfo.InvariantCulture))).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(dir, from.ToString(System.Globalization.CultureInfo.InvariantCulture))))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }
}
