using System.IO.Compression;
using Microsoft.Win32.SafeHandles;
using Reco.Data.Sources.Parquet;
using Reco.Data.Parsing;

namespace Reco.Data.Sources.Text;

/// <summary>
/// A data file opened for reading at any offset: a path, or <c>-</c> for standard input. A stream that
/// cannot seek (standard input, a named pipe) is first copied into a temporary file, and gzip data is
/// unpacked into one, so the parallel parser reads every kind alike; the temporary file is deleted on
/// dispose. Whatever cannot be opened is a one-line error that names the path, never the temporary file.
/// </summary>
internal sealed class InputFile : IDisposable
{
    /// <summary>The source name that stands for standard input.</summary>
    public const string StandardInput = "-";

    private const int SniffBytes = 64 << 10;

    /// <summary>Stands in for the process's standard input in tests (which cannot redirect their own); null reads the real one.</summary>
    internal static readonly AsyncLocal<Func<Stream>?> StandardInputStream = new();
    private readonly FileStream _stream;
    private readonly FileStream? _packed;

    private InputFile(FileStream stream, FileStream? packed)
    {
        _stream = stream;
        _packed = packed;
        Handle = stream.SafeFileHandle;
        Length = RandomAccess.GetLength(Handle);
    }

    public SafeFileHandle Handle { get; }

    public long Length { get; }

    /// <summary>Opens <paramref name="path"/> (or standard input for <c>-</c>), named <paramref name="name"/> in messages.</summary>
    public static InputFile Open(string path, string name)
    {
        FileStream? temporary = null;
        FileStream? source = null;
        try
        {
            if (path == StandardInput)
            {
                using var input = StandardInputStream.Value?.Invoke() ?? Console.OpenStandardInput();
                temporary = Buffer(input, name);
            }
            else
            {
                source = OpenExisting(path);
                if (!source.CanSeek || source.Length == 0)
                {
                    // A pipe, a device or a file the system reports as empty (such as those under /proc): read it as a stream.
                    temporary = Buffer(source, name);
                    source.Dispose();
                    source = null;
                }
            }

            var stream = temporary ?? source!;
            if (IsGzip(stream))
            {
                var unpacked = Unpack(stream, name);
                return new InputFile(unpacked, stream);
            }

            return new InputFile(stream, null);
        }
        catch
        {
            temporary?.Dispose();
            source?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Checks that <paramref name="path"/> is a readable file (not a folder, present, permitted),
    /// throwing the one-line error otherwise.
    /// </summary>
    public static void RequireReadable(string path)
    {
        using var stream = OpenExisting(path);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _packed?.Dispose();
    }

    private static FileStream OpenExisting(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"'{FieldText.PrintablePath(path)}' is a folder, not a data file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The data file '{FieldText.PrintablePath(path)}' does not exist.", path);
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        }
        catch (UnauthorizedAccessException)
        {
            throw new UnauthorizedAccessException($"Cannot read '{FieldText.PrintablePath(path)}': permission denied.");
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            throw new InvalidDataException($"Cannot read '{FieldText.PrintablePath(path)}': {OneLine(e.Message, path)}", e);
        }
    }

    /// <summary>Copies a stream into a temporary file, refusing binary data early (an endless device would otherwise fill the disk).</summary>
    private static FileStream Buffer(Stream input, string name)
    {
        var temporary = CreateTemporary(out string temporaryPath);
        try
        {
            var buffer = new byte[SniffBytes];
            int head = ReadAtLeast(input, buffer, name);
            if (!StartsWithGzip(buffer.AsSpan(0, head)) && buffer.AsSpan(0, head).IndexOf((byte)0) is int nul and >= 0)
            {
                throw new InvalidDataException($"{name} holds binary data (a NUL byte at offset {nul:N0}), not delimited text.");
            }

            temporary.Write(buffer, 0, head);
            input.CopyTo(temporary, 1 << 20);
            temporary.Flush();
            return temporary;
        }
        catch (IOException e)
        {
            temporary.Dispose();
            throw new InvalidDataException($"Cannot read {name} into a temporary file: {OneLine(e.Message, temporaryPath)}", e);
        }
        catch
        {
            temporary.Dispose();
            throw;
        }
    }

    private static FileStream Unpack(FileStream packed, string name)
    {
        var temporary = CreateTemporary(out string temporaryPath);
        try
        {
            packed.Position = 0;
            using (var gzip = new GZipStream(packed, CompressionMode.Decompress, leaveOpen: true))
            {
                gzip.CopyTo(temporary, 1 << 20);
            }

            temporary.Flush();

            // The decompressor ends quietly where a cut-short file ends; the trailer's size (mod 2^32) tells.
            Span<byte> size = stackalloc byte[4];
            if (packed.Length < 18 || RandomAccess.Read(packed.SafeFileHandle, size, packed.Length - 4) != 4
                || System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(size) != (uint)temporary.Length)
            {
                throw new InvalidDataException($"{name} is not a readable gzip file: it is cut short (or made of several gzip members; unpack it with gunzip first).");
            }

            return temporary;
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(name, StringComparison.Ordinal))
        {
            temporary.Dispose();
            throw new InvalidDataException($"{name} is not a readable gzip file: it is damaged or cut short.", e);
        }
        catch (IOException e)
        {
            temporary.Dispose();
            throw new InvalidDataException($"Cannot unpack {name} into a temporary file: {OneLine(e.Message, temporaryPath)}", e);
        }
        catch
        {
            temporary.Dispose();
            throw;
        }
    }

    private static FileStream CreateTemporary(out string path)
    {
        path = Path.Combine(Path.GetTempPath(), $"reco-{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1 << 16, FileOptions.DeleteOnClose);
        if (!OperatingSystem.IsWindows())
        {
            // Unlinked at once: nothing is left behind even if the process is killed.
            File.Delete(path);
        }

        return stream;
    }

    private static int ReadAtLeast(Stream input, byte[] buffer, string name)
    {
        try
        {
            return input.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"Cannot read {name}: {e.Message}", e);
        }
    }

    private static bool IsGzip(FileStream stream)
    {
        Span<byte> magic = stackalloc byte[2];
        return RandomAccess.Read(stream.SafeFileHandle, magic, 0) == 2 && StartsWithGzip(magic);
    }

    private static bool StartsWithGzip(ReadOnlySpan<byte> head) => head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]);

    /// <summary>An operating-system message on one line, with the temporary file's path taken out.</summary>
    private static string OneLine(string message, string path) =>
        message.Replace(path, "the file", StringComparison.Ordinal).ReplaceLineEndings(" ").Trim();
}
