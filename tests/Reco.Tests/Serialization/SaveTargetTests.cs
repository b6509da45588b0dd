using Reco.IO;
using Reco.Serialization;
using Reco.Tests.IO;
using static Reco.Tests.Serialization.ModelFolders;

namespace Reco.Tests.Serialization;

/// <summary>Saving never deletes or replaces what is not a Reco model: such paths are refused before anything is written.</summary>
public class SaveTargetTests
{
    private static OutputRefusedException Refused(string directory)
    {
        var error = Assert.Throws<OutputRefusedException>(() => ModelDirectory.Write(directory, Kind, Model("new")));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains($"'{directory}'", error.Message);
        Assert.Equal(directory, error.OutputPath);
        return error;
    }

    [Fact]
    public void TheCurrentFolderAndItsParentsAreRefused()
    {
        var before = Entries(Environment.CurrentDirectory);
        Assert.Contains("current folder", Refused(".").Message);
        Assert.Contains("contains the current folder", Refused("..").Message);
        Assert.Contains("current folder", Refused(Environment.CurrentDirectory + Path.DirectorySeparatorChar).Message);
        Assert.Equal(before, Entries(Environment.CurrentDirectory));
    }

    [Fact]
    public void TheRootAndTheHomeFolderAreRefused()
    {
        Assert.Contains("root", Refused(Path.GetPathRoot(Environment.CurrentDirectory)!).Message);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Contains("home folder", Refused(home).Message);
        Assert.Contains("'~'", Refused("~").Message);
        Assert.Contains("'~'", Refused("~/model").Message);
    }

    [Fact]
    public void AFileIsRefusedAndKept()
    {
        var file = Path.Combine(TestData.TempDirectory(), "ratings.csv");
        File.WriteAllText(file, "user,item\n1,2\n");
        Assert.Contains("is a file", Refused(file).Message);
        Assert.Equal("user,item\n1,2\n", File.ReadAllText(file));
    }

    [Fact]
    public void AFolderHoldingOtherFilesIsRefusedAndKeptIntact()
    {
        var folder = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");
        Directory.CreateDirectory(Path.Combine(folder, "photos"));
        File.WriteAllText(Path.Combine(folder, "photos", "a.jpg"), "jpg");
        var before = Snapshot(folder);
        var entries = Entries(folder);

        var error = Refused(folder);
        Assert.Contains("holds other files", error.Message);
        Assert.Contains("'notes.txt'", error.Message);
        Assert.Equal(before, Snapshot(folder));
        Assert.Equal(entries, Entries(folder));
    }

    [Fact]
    public void FoldersThatOnlyLookLikeModelsAreRefused()
    {
        // A LevelDB folder has a CURRENT file; a folder of numbered folders is not a model either.
        var leveldb = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(leveldb, "CURRENT"), "MANIFEST-000001\n");
        Assert.Contains("'CURRENT'", Refused(leveldb).Message);
        Assert.Equal("MANIFEST-000001\n", File.ReadAllText(Path.Combine(leveldb, "CURRENT")));

        var numbered = TestData.TempDirectory();
        Directory.CreateDirectory(Path.Combine(numbered, "1"));
        File.WriteAllText(Path.Combine(numbered, "1", "photo.jpg"), "jpg");
        Refused(numbered);

        // Models saved in the flat layout at x/1 and x/2 do not make x a versioned model folder.
        var models = TestData.TempDirectory();
        WriteFlat(Path.Combine(models, "1"), "a");
        WriteFlat(Path.Combine(models, "2"), "b");
        Refused(models);
        Assert.Equal("a", ReadId(Path.Combine(models, "1")));
    }

    [Fact]
    public void AFlatModelHoldingAForeignCurrentFileIsRefused()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        WriteFlat(dir, "old");
        File.WriteAllText(Path.Combine(dir, "CURRENT"), "my notes");
        Assert.Contains("CURRENT", Refused(dir).Message);
        Assert.Equal("my notes", File.ReadAllText(Path.Combine(dir, "CURRENT")));
        Assert.Equal("old", ReadId(dir));
    }

    [Fact]
    public void AVersionFolderInsideAModelIsRefused()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, Kind, Model("m1"));
        Assert.Contains("version inside the saved model", Refused(Path.Combine(dir, "1")).Message);
        Assert.Equal([1], ModelDirectory.ListVersions(dir));
    }

    [Fact]
    public void AFolderInsideAVersionOfAModelIsRefused()
    {
        // Version 1 would be pruned by later saves to the model, and a model saved inside it with it.
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, Kind, Model("m1"));
        var message = Refused(Path.Combine(dir, "1", "inner")).Message;
        Assert.Contains("a version of the saved model", message);
        Assert.Contains(Path.Combine(dir, "1"), message);
        Assert.Contains("a version of the saved model", Refused(Path.Combine(dir, "1", "a", "b")).Message);
        Assert.False(Directory.Exists(Path.Combine(dir, "1", "inner")));

        // A folder beside the versions, or a numbered one of the user's without a manifest, which pruning never touches, is still allowed.
        Assert.False(SaveTarget.Check(Path.Combine(dir, "notes")).HasModel);
        Directory.CreateDirectory(Path.Combine(dir, "7"));
        Assert.False(SaveTarget.Check(Path.Combine(dir, "7", "sub")).HasModel);
    }

    [Fact]
    public void APathUnderAFileIsRefused()
    {
        var file = Path.Combine(TestData.TempDirectory(), "data.csv");
        File.WriteAllText(file, "x");
        Assert.Contains("is a file, not a folder", Refused(Path.Combine(file, "model")).Message);
        Assert.Contains("is a file, not a folder", Refused(Path.Combine(file, "a", "b")).Message);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void ASymbolicLinkToAFolderSavesIntoTheFolderOnlyWhenItIsEmptyOrAModel()
    {
        var root = TestData.TempDirectory();
        var empty = Directory.CreateDirectory(Path.Combine(root, "empty")).FullName;
        var link = Path.Combine(root, "link");
        Directory.CreateSymbolicLink(link, empty);
        ModelDirectory.Write(link, Kind, Model("m1"));
        Assert.Equal("m1", ReadId(empty));
        ModelDirectory.Write(link, Kind, Model("m2"));
        Assert.Equal("m2", ReadId(link));
        Assert.NotNull(new FileInfo(link).LinkTarget);

        var documents = Directory.CreateDirectory(Path.Combine(root, "documents")).FullName;
        File.WriteAllText(Path.Combine(documents, "letter.txt"), "dear");
        var toDocuments = Path.Combine(root, "to-documents");
        Directory.CreateSymbolicLink(toDocuments, documents);
        Refused(toDocuments);
        Assert.Equal(["letter.txt"], Entries(documents));

        var dangling = Path.Combine(root, "dangling");
        File.CreateSymbolicLink(dangling, Path.Combine(root, "gone"));
        Assert.Contains("does not exist", Refused(dangling).Message);
        Assert.False(Path.Exists(Path.Combine(root, "gone")));

        var toHome = Path.Combine(root, "to-home");
        Directory.CreateSymbolicLink(toHome, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        Assert.Contains("home folder", Refused(toHome).Message);
    }

    [Fact]
    public void CheckSaveTargetRefusesTheSamePathsAndWritesNothing()
    {
        var root = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(root, "notes.txt"), "mine");
        Assert.Throws<OutputRefusedException>(() => ModelDirectory.CheckSaveTarget(root));
        Assert.Throws<OutputRefusedException>(() => ModelDirectory.CheckSaveTarget("."));
        Assert.False(ModelDirectory.CheckSaveTarget(Path.Combine(root, "new")));
        Assert.Equal(["notes.txt"], Entries(root));
        var model = Path.Combine(root, "model");
        ModelDirectory.Write(model, Kind, Model("m1"));
        Assert.True(ModelDirectory.CheckSaveTarget(model));
    }

    [Fact]
    public void AnEmptyFolderANewPathAndDeepNewPathsAreFine()
    {
        var root = TestData.TempDirectory();
        var empty = Directory.CreateDirectory(Path.Combine(root, "empty")).FullName;
        ModelDirectory.Write(empty, Kind, Model("m1"));
        Assert.Equal("m1", ReadId(empty));

        var deep = Path.Combine(root, "a", "b", "model");
        ModelDirectory.Write(deep, Kind, Model("m2"));
        Assert.Equal("m2", ReadId(deep));
    }

    [Fact]
    public void AFolderHoldingOnlyLeftoversOfOurSavesIsFine()
    {
        var dir = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(dir, ".reco-lock"), string.Empty);
        var staging = Directory.CreateDirectory(Path.Combine(dir, DeadOwnerName(".reco-staging-"))).FullName;
        File.WriteAllBytes(Path.Combine(staging, "weights.bin"), new byte[1000]);
        ModelDirectory.Write(dir, Kind, Model("m1"));
        Assert.Equal("m1", ReadId(dir));
        Assert.Empty(ScratchEntries(dir));
    }

    [NotRootFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AReadOnlyParentIsAOneLineErrorThatLeavesNothing()
    {
        var parent = TestData.TempDirectory();
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var error = Assert.Throws<UnauthorizedAccessException>(() => ModelDirectory.Write(Path.Combine(parent, "model"), Kind, Model("m1")));
            Assert.Contains("permission denied", error.Message);
            Assert.Contains("nothing was saved", error.Message);
            Assert.DoesNotContain('\n', error.Message);
            Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
        }
        finally
        {
            File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [NotRootFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AReadOnlyModelFolderKeepsItsModel()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, Kind, Model("m1"));
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var error = Assert.Throws<UnauthorizedAccessException>(() => ModelDirectory.Write(dir, Kind, Model("m2")));
            Assert.Contains("the previous model is unchanged", error.Message);
            Assert.Equal("m1", ReadId(dir));
        }
        finally
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
