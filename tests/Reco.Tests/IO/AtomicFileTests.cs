using System.Text;
using Reco.IO;
using Reco.Serialization;

namespace Reco.Tests.IO;

public class AtomicFileTests
{
    private static OutputRefusedException Refused(string path, params string[] inputs)
    {
        var error = Assert.Throws<OutputRefusedException>(() => AtomicFile.WriteText(path, "report", inputs));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains($"'{path}'", error.Message);
        return error;
    }

    private static string[] Names(string folder) => [.. Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    [Fact]
    public void WritesAndReplacesLeavingNoTemporaryFile()
    {
        var folder = TestData.TempDirectory();
        var path = Path.Combine(folder, "report.json");
        AtomicFile.WriteText(path, "first");
        AtomicFile.WriteText(path, "second");
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal(["report.json"], Names(folder));
        Assert.False(Encoding.UTF8.GetPreamble().SequenceEqual(File.ReadAllBytes(path).Take(3)));
    }

    [Fact]
    public void TheNewContentGoesThroughAHiddenSiblingAndTheOldStaysUntilTheRename()
    {
        var folder = TestData.TempDirectory();
        var path = Path.Combine(folder, "report.json");
        AtomicFile.WriteText(path, "old");
        string? temporary = null;
        AtomicFile.Write(path, "new"u8, null, (step, file) =>
        {
            if (step == AtomicFileStep.Written)
            {
                temporary = file;
                Assert.Equal("old", File.ReadAllText(path));
                Assert.Equal("new", File.ReadAllText(file));
            }
        });
        Assert.NotNull(temporary);
        Assert.Equal(folder, Path.GetDirectoryName(temporary));
        Assert.StartsWith(".report.json.reco-tmp-", Path.GetFileName(temporary));
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["report.json"], Names(folder));
    }

    [Fact]
    public void MissingFoldersAreCreated()
    {
        var path = Path.Combine(TestData.TempDirectory(), "reports", "2024", "r.csv");
        AtomicFile.WriteText(path, "a,b");
        Assert.Equal("a,b", File.ReadAllText(path));
    }

    [Fact]
    public void AFolderIsRefused()
    {
        var folder = TestData.TempDirectory();
        Assert.Contains("is a folder", Refused(folder).Message);
        Assert.Contains("is a folder", Refused(Path.Combine(folder, "new") + Path.DirectorySeparatorChar).Message);
        Assert.Empty(Names(folder));
    }

    [LinuxFact]
    public void ADevicePipeOrSocketIsRefusedAndKept()
    {
        // `--csv /dev/null` renamed a regular file over the device itself (as root); a socket stands in for
        // devices and pipes here, so that a regression replaces only a file of the test's own.
        var folder = TestData.TempDirectory();
        var path = Path.Combine(folder, "socket");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(path));
        Assert.True(SpecialFile.Is(path));

        Assert.Contains("a device, pipe or socket", Refused(path).Message, StringComparison.Ordinal);
        Assert.Contains("a device, pipe or socket", Assert.Throws<OutputRefusedException>(() => AtomicFile.CheckTarget(path)).Message, StringComparison.Ordinal);
        Assert.True(SpecialFile.Is(path), "the socket was replaced");
        Assert.Equal(["socket"], Names(folder));
        Assert.True(SpecialFile.Is("/dev/null"));
        Assert.False(SpecialFile.Is(folder));
        Assert.False(SpecialFile.Is(Path.Combine(folder, "missing")));

        // Written as link/../socket, where link leads elsewhere: ".." is taken by name, as the write takes it.
        var elsewhere = Path.Combine(TestData.TempDirectory(), "deep", "er");
        Directory.CreateDirectory(elsewhere);
        Directory.CreateSymbolicLink(Path.Combine(folder, "link"), elsewhere);
        Assert.Contains("a device, pipe or socket", Assert.Throws<OutputRefusedException>(() => AtomicFile.CheckTarget(Path.Combine(folder, "link", "..", "socket"))).Message, StringComparison.Ordinal);
        Assert.True(SpecialFile.Is(path), "the socket was replaced");

        // Standard output redirected to a file resolves to that file: nothing under /dev or /proc is written.
        foreach (var system in new[] { "/dev/stdout", "/dev/stderr", "/proc/self/fd/1", "/dev/shm/report.json" })
        {
            Assert.Throws<OutputRefusedException>(() => AtomicFile.CheckTarget(system));
        }
    }

    [Fact]
    public void AnInputFileIsRefusedHoweverItIsWritten()
    {
        var folder = TestData.TempDirectory();
        var input = Path.Combine(folder, "ratings.csv");
        File.WriteAllText(input, "user,item\n1,2\n");
        var link = Path.Combine(folder, "latest.csv");
        File.CreateSymbolicLink(link, input);
        var linkedFolder = Path.Combine(TestData.TempDirectory(), "data");
        Directory.CreateSymbolicLink(linkedFolder, folder);

        Assert.Contains("is the input", Refused(input, input).Message);
        Assert.Contains("is the input", Refused(Path.GetRelativePath(Environment.CurrentDirectory, input), input).Message);
        Assert.Contains("is the input", Refused(Path.Combine(folder, "x", "..", "ratings.csv"), input).Message);
        Assert.Contains("is the input", Refused(link, input).Message);
        Assert.Contains("is the input", Refused(input, link).Message);
        Assert.Contains("is the input", Refused(Path.Combine(linkedFolder, "ratings.csv"), input).Message);
        Assert.Contains("is the input", Refused(input, Path.Combine(linkedFolder, "ratings.csv")).Message);
        Assert.Equal("user,item\n1,2\n", File.ReadAllText(input));

        AtomicFile.WriteText(Path.Combine(folder, "report.json"), "fine", [input]);
    }

    [Fact]
    public void NothingIsWrittenInsideAnInputFolder()
    {
        var data = TestData.TempDirectory();
        File.WriteAllText(Path.Combine(data, "u.data"), "1\t2\t3\t4\n");
        Assert.Contains("inside the input folder", Refused(Path.Combine(data, "u.data"), data).Message);
        Assert.Contains("inside the input folder", Refused(Path.Combine(data, "new.json"), data).Message);
        Assert.Equal(["u.data"], Names(data));
    }

    [Fact]
    public void NothingIsWrittenInsideASavedModel()
    {
        var model = Path.Combine(TestData.TempDirectory(), "model");
        ModelDirectory.Write(model, "test", new Dictionary<string, byte[]> { ["a.bin"] = [1] });
        Assert.Contains("saved model folder", Refused(Path.Combine(model, "report.json")).Message);
        Assert.Contains("saved model folder", Refused(Path.Combine(model, "1", "a.bin")).Message);

        // The folder itself: no advice to write inside it.
        var message = Refused(model).Message;
        Assert.Contains("it is a saved model folder", message);
        Assert.DoesNotContain(Path.Combine(model, "report.json"), message);
        Assert.Contains("saved model folder", Refused(Path.Combine(model, "CURRENT")).Message);
        Assert.Equal([1], ModelDirectory.Read(model, "test")["a.bin"]);

        var flat = Path.Combine(TestData.TempDirectory(), "flat");
        Reco.Tests.Serialization.ModelFolders.WriteFlat(flat, "old");
        Assert.Contains("saved model folder", Refused(Path.Combine(flat, "id.txt")).Message);
        Assert.Equal("old", File.ReadAllText(Path.Combine(flat, "id.txt")));
    }

    [Fact]
    public void APathUnderAFileIsRefused()
    {
        var file = Path.Combine(TestData.TempDirectory(), "notes.txt");
        File.WriteAllText(file, "mine");
        Assert.Contains("is a file, not a folder", Refused(Path.Combine(file, "report.json")).Message);
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public void AFailedWriteKeepsTheOldFileRemovesTheTemporaryAndNeverNamesIt()
    {
        var folder = TestData.TempDirectory();
        var path = Path.Combine(folder, "report.json");
        AtomicFile.WriteText(path, "old");

        var full = Assert.Throws<IOException>(() => AtomicFile.Write(path, "new"u8, null, (step, file) =>
        {
            if (step == AtomicFileStep.Written)
            {
                throw new IOException($"No space left on device : '{file}'", 28);
            }
        }));
        Assert.Equal($"Cannot write '{path}': the disk is full.", full.Message);

        var other = Assert.Throws<IOException>(() => AtomicFile.Write(path, "new"u8, null, (step, file) =>
        {
            if (step == AtomicFileStep.Written)
            {
                throw new IOException($"Input/output error : '{file}'\nat somewhere", 5);
            }
        }));
        Assert.Equal($"Cannot write '{path}': Input/output error : '{path}'.", other.Message);

        var denied = Assert.Throws<UnauthorizedAccessException>(() => AtomicFile.Write(path, "new"u8, null, (step, file) =>
        {
            if (step == AtomicFileStep.Written)
            {
                throw new UnauthorizedAccessException($"Access to the path '{file}' is denied.");
            }
        }));
        Assert.Equal($"Cannot write '{path}': permission denied.", denied.Message);

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["report.json"], Names(folder));
    }

    [Fact]
    public void ALinkToAFileIsFollowedAndKept()
    {
        var folder = TestData.TempDirectory();
        var real = Path.Combine(folder, "run-3.json");
        File.WriteAllText(real, "old");
        var link = Path.Combine(folder, "latest.json");
        File.CreateSymbolicLink(link, "run-3.json");
        AtomicFile.WriteText(link, "new");
        Assert.Equal("new", File.ReadAllText(real));
        Assert.Equal("run-3.json", new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void TemporaryFilesOfKilledWritesAreReclaimed()
    {
        var folder = TestData.TempDirectory();
        var dead = Path.Combine(folder, $".report.json{AtomicFile.TemporaryMarker}99999999-1700000000-{Guid.NewGuid():N}");
        File.WriteAllText(dead, "half");
        var byHand = Path.Combine(folder, $".report.json{AtomicFile.TemporaryMarker}mine");
        File.WriteAllText(byHand, "keep");
        var otherTarget = Path.Combine(folder, $".other.json{AtomicFile.TemporaryMarker}99999999-1700000000-{Guid.NewGuid():N}");
        File.WriteAllText(otherTarget, "someone else's");

        AtomicFile.WriteText(Path.Combine(folder, "report.json"), "done");

        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(byHand));
        Assert.True(File.Exists(otherTarget));
    }

    [Fact]
    public void TheFilesPermissionsAreKept()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(TestData.TempDirectory(), "secret.json");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        AtomicFile.WriteText(path, "new");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void CheckTargetWritesNothing()
    {
        var folder = TestData.TempDirectory();
        var path = Path.Combine(folder, "sub", "r.json");
        Assert.Equal(path, AtomicFile.CheckTarget(path));
        Assert.Empty(Names(folder));
    }
}
