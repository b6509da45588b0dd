using System.Text;
using Reco.Serialization;

namespace Reco.Tests.Serialization;

/// <summary>Small models and looks inside model folders for the serialization tests.</summary>
internal static class ModelFolders
{
    public const string Kind = "test";

    /// <summary>A model whose every file says which save wrote it.</summary>
    public static Dictionary<string, byte[]> Model(string id, int size = 64) => new()
    {
        ["id.txt"] = Encoding.UTF8.GetBytes(id),
        ["weights.bin"] = [.. Enumerable.Range(0, size).Select(i => (byte)(i * 31 + id.Length + id[^1]))],
    };

    /// <summary>The id of the current model, checked to be one save's files throughout.</summary>
    public static string ReadId(string directory)
    {
        var files = ModelDirectory.Read(directory, Kind);
        var id = Encoding.UTF8.GetString(files["id.txt"]);
        Assert.Equal(Model(id, files["weights.bin"].Length)["weights.bin"], files["weights.bin"]);
        return id;
    }

    /// <summary>A folder in the flat layout of earlier versions: the manifest and files directly inside.</summary>
    public static void WriteFlat(string directory, string id)
    {
        Directory.CreateDirectory(directory);
        var files = Model(id);
        foreach (var (name, content) in files)
        {
            File.WriteAllBytes(Path.Combine(directory, name), content);
        }

        File.WriteAllBytes(Path.Combine(directory, ModelDirectory.ManifestName), ModelManifest.Create(Kind, files));
    }

    /// <summary>Names of our scratch entries (staging, retired versions, pointer files being written).</summary>
    public static string[] ScratchEntries(string directory) => Directory.Exists(directory)
        ? [.. Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>().Where(n => n.StartsWith(".reco-", StringComparison.Ordinal) && n != ".reco-lock")]
        : [];

    /// <summary>The sorted names in <paramref name="directory"/>.</summary>
    public static string[] Entries(string directory) =>
        [.. Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    /// <summary>Every file under <paramref name="directory"/> with its content, to show that nothing changed.</summary>
    public static Dictionary<string, string> Snapshot(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexString(File.ReadAllBytes(f)));

    /// <summary>A scratch name whose owner process cannot exist (pids stop well below 99999999).</summary>
    public static string DeadOwnerName(string prefix) => $"{prefix}99999999-1700000000-{Guid.NewGuid():N}";
}
