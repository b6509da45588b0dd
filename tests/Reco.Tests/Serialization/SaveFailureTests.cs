using Reco.Serialization;
using static Reco.Tests.Serialization.ModelFolders;

namespace Reco.Tests.Serialization;

/// <summary>A write that fails (a full disk, say) is a one-line error that leaves the previous model and no staging behind.</summary>
public class SaveFailureTests
{
    private static readonly SaveStep[] BeforeCommit =
        [SaveStep.Locked, SaveStep.Reclaimed, SaveStep.StagingCreated, SaveStep.FileWritten, SaveStep.ManifestWritten,
         SaveStep.StagingSynced, SaveStep.VersionRenamed, SaveStep.PointerWritten];

    public static TheoryData<string> Steps => [.. BeforeCommit.Select(s => s.ToString())];

    /// <summary>Fails the first time <paramref name="step"/> is reached, as the system would (its message names the temporary path).</summary>
    private static ModelSaveOptions FailAt(SaveStep step, Func<string, Exception>? error = null) => new()
    {
        OnStep = (s, path) =>
        {
            if (s == step)
            {
                throw error?.Invoke(path) ?? new IOException($"No space left on device : '{path}'", 28);
            }
        },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void AFullDiskLeavesThePreviousModelAndNoStaging(string stepName)
    {
        var step = Enum.Parse<SaveStep>(stepName);
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, Kind, Model("m1"));
        ModelDirectory.Write(dir, Kind, Model("m2"));
        var before = Snapshot(dir);

        var error = Assert.Throws<IOException>(() => ModelDirectory.Write(dir, Kind, Model("m3"), FailAt(step)));

        Assert.Equal($"Cannot save the model to '{dir}': the disk is full; the previous model is unchanged.", error.Message);
        Assert.Equal("m2", ReadId(dir));
        Assert.Equal(before, Snapshot(dir));
        Assert.Empty(ScratchEntries(dir));
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void AFailedFirstSaveLeavesNoFolderBehind(string stepName)
    {
        var step = Enum.Parse<SaveStep>(stepName);
        var root = TestData.TempDirectory();
        var dir = Path.Combine(root, "new", "model");
        var error = Assert.Throws<IOException>(() => ModelDirectory.Write(dir, Kind, Model("m1"), FailAt(step)));
        Assert.EndsWith("nothing was saved.", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root));
    }

    [Fact]
    public void OtherFailuresAreOneLineAndNeverNameTheStagingFolder()
    {
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, Kind, Model("m1"));

        var io = Assert.Throws<IOException>(() => ModelDirectory.Write(dir, Kind, Model("m2"), FailAt(SaveStep.FileWritten, path => new IOException($"Input/output error : '{path}'\nmore", 5))));
        Assert.StartsWith($"Cannot save the model to '{dir}': Input/output error : '{dir}", io.Message);
        Assert.DoesNotContain(".reco-", io.Message);
        Assert.DoesNotContain('\n', io.Message);

        var denied = Assert.Throws<UnauthorizedAccessException>(() => ModelDirectory.Write(dir, Kind, Model("m2"), FailAt(SaveStep.StagingCreated, path => new UnauthorizedAccessException($"Access to the path '{path}' is denied."))));
        Assert.Equal($"Cannot save the model to '{dir}': permission denied; the previous model is unchanged.", denied.Message);

        var unnamed = Assert.Throws<IOException>(() => ModelDirectory.Write(dir, Kind, Model("m2"), FailAt(SaveStep.ManifestWritten, path => new IOException($"Something odd happened to '{Path.Combine(path, "x")}'."))));
        Assert.DoesNotContain(".reco-", unnamed.Message);

        Assert.Equal("m1", ReadId(dir));
        Assert.Empty(ScratchEntries(dir));
        Assert.Equal([1], ModelDirectory.ListVersions(dir));
    }

    [Theory]
    [InlineData(nameof(SaveStep.StagingSynced))]
    [InlineData(nameof(SaveStep.FlatModelVersioned))]
    [InlineData(nameof(SaveStep.VersionRenamed))]
    [InlineData(nameof(SaveStep.PointerWritten))]
    public void AFailedSaveOntoAFlatModelKeepsItFlat(string stepName)
    {
        var step = Enum.Parse<SaveStep>(stepName);
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        WriteFlat(dir, "old");
        var before = Snapshot(dir);
        Assert.Throws<IOException>(() => ModelDirectory.Write(dir, Kind, Model("new"), FailAt(step)));
        Assert.Equal("old", ReadId(dir));
        before[".reco-lock"] = string.Empty; // the empty lock file stays; it marks nothing but a save's turn
        Assert.Equal(before, Snapshot(dir));
        Assert.Equal([".reco-lock", "id.txt", "manifest.json", "weights.bin"], Entries(dir));
    }

    [Theory]
    [InlineData(nameof(SaveStep.PointerReplaced))]
    [InlineData(nameof(SaveStep.VersionRetired))]
    [InlineData(nameof(SaveStep.Unlocked))]
    [InlineData(nameof(SaveStep.RetiredDeleted))]
    public void AFailureAfterTheCommitOnlyLeavesTidyingForTheNextSave(string stepName)
    {
        var step = Enum.Parse<SaveStep>(stepName);
        var dir = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(dir, Kind, Model("m1"));
        ModelDirectory.Write(dir, Kind, Model("m2"));
        ModelDirectory.Write(dir, Kind, Model("m3"), FailAt(step));
        Assert.Equal("m3", ReadId(dir));

        ModelDirectory.Write(dir, Kind, Model("m4"));
        Assert.Equal("m4", ReadId(dir));
        Assert.Equal([3, 4], ModelDirectory.ListVersions(dir));
        Assert.Empty(ScratchEntries(dir));
    }
}
