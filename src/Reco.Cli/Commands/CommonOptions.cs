using System.CommandLine;

namespace Reco.Cli.Commands;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static Option<string?> DataDir() => new("--data-dir")
    {
        Description = "An unpacked MovieLens 100k folder (u.data, u.item). Without it the data set is downloaded from GroupLens into the cache ($RECO_DATA_DIR, default ~/.cache/reco) and verified.",
        HelpName = "DIR",
    };

    public static Option<string?> Json() => new("--json")
    {
        Description = "Also write the figures (metrics, per-epoch logs, timings) to this JSON file.",
        HelpName = "PATH",
    };

    public static Option<string?> Save() => new("--save")
    {
        Description = "Save the trained model (configuration, vocabularies, weights, checksums) to this folder, atomically.",
        HelpName = "DIR",
    };

    public static Option<int> Seed(int defaultValue) => new("--seed")
    {
        Description = "Seed of every random choice (initial weights, split); the same seed gives the same run.",
        DefaultValueFactory = _ => defaultValue,
    };

    public static Option<int> Positive(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name} must be at least 1.");
            }
        });
        return option;
    }
}
