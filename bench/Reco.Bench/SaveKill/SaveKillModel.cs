using System.Buffers.Binary;
using System.Text;
using Reco.Serialization;
using Reco.Data.Sources.Parquet;

namespace Reco.Bench.SaveKill;

/// <summary>
/// The model the kill test saves: <c>id.txt</c> and four parts of pseudo-random bytes derived from the
/// id, each starting with the id's hash, so a load can tell whether every file comes from one save.
/// </summary>
internal static class SaveKillModel
{
    public const string Kind = "save-kill";
    private const int Parts = 4;

    public static Dictionary<string, byte[]> Create(string id, int megabytes)
    {
        var files = new Dictionary<string, byte[]> { ["id.txt"] = Encoding.UTF8.GetBytes(id) };
        int size = Math.Max(16, megabytes * (1 << 20) / Parts);
        for (int p = 0; p < Parts; p++)
        {
            files[$"part-{p}.bin"] = Part(id, p, size);
        }

        return files;
    }

    /// <summary>Loads the current model and checks that all its files belong to one save; returns that save's id.</summary>
    /// <param name="directory">The model folder.</param>
    /// <param name="full">Also regenerate every part and compare it byte for byte (the checksums are always checked).</param>
    public static string Load(string directory, bool full)
    {
        var files = ModelDirectory.Read(directory, Kind);
        var id = Encoding.UTF8.GetString(files["id.txt"]);
        ulong hash = Hash(id);
        for (int p = 0; p < Parts; p++)
        {
            var part = files[$"part-{p}.bin"];
            if (BinaryPrimitives.ReadUInt64LittleEndian(part) != hash || BinaryPrimitives.ReadInt32LittleEndian(part.AsSpan(8)) != p)
            {
                throw new InvalidDataException($"part-{p}.bin is not from save '{id}'");
            }

            if (full && !part.AsSpan().SequenceEqual(Part(id, p, part.Length)))
            {
                throw new InvalidDataException($"part-{p}.bin differs from what save '{id}' wrote");
            }
        }

        return id;
    }

    private static byte[] Part(string id, int index, int size)
    {
        var bytes = new byte[size];
        ulong state = Hash(id) ^ (ulong)(index + 1) * 0x9E3779B97F4A7C15UL;
        for (int i = 16; i + 8 <= size; i += 8)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i), state);
        }

        BinaryPrimitives.WriteUInt64LittleEndian(bytes, Hash(id));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), index);
        return bytes;
    }

    private static ulong Hash(string text)
    {
        ulong hash = 14695981039346656037UL; // FNV-1a
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
