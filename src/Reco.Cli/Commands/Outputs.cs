using Reco.IO;
using Reco.Serialization;

namespace Reco.Cli.Commands;

/// <summary>
/// What a command reads and writes: its inputs (data files and folders, model folders) are never
/// overwritten by its reports, and every output path is checked before any work, so a bad one fails at once.
/// </summary>
internal sealed class Outputs(IEnumerable<string?> inputs)
{
    /// <summary>The paths no report may overwrite.</summary>
    public IReadOnlyList<string> Inputs { get; } = [.. inputs.OfType<string>().Where(p => p.Length > 0 && (File.Exists(p) || Directory.Exists(p)))];

    /// <summary>
    /// Checks report paths (null ones are skipped) and a <c>--save</c> folder: no report may overwrite an
    /// input, another report of the same command, or anything in the folder the model is saved to.
    /// </summary>
    /// <exception cref="ArgumentException">A path may not be written; the message says why.</exception>
    public Outputs Check(string? save, params string?[] reports)
    {
        var written = new List<string>();
        foreach (var report in reports.OfType<string>())
        {
            var full = AtomicFile.CheckTarget(report, Inputs, save);
            if (written.Any(other => SamePath(other, full)))
            {
                throw new ArgumentException($"Cannot write '{report}' twice: two reports of this command name it; give each report its own file.");
            }

            written.Add(full);
        }

        if (save is not null)
        {
            if (Inputs.Any(input => SamePath(input, save)))
            {
                throw new ArgumentException($"--save '{save}' is one of this command's inputs; save the model somewhere else.");
            }

            ModelDirectory.CheckSaveTarget(save);
        }

        return this;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);
}
