namespace Reco.Tests;

/// <summary>
/// Tests that set or draw from the process-wide <see cref="RandomSeed"/> (as the TFRS quickstart does with
/// <c>set_random_seed</c>) and build layers without seeds of their own. They run alone, so that no other
/// test draws a seed between their <c>RandomSeed.Set</c> and their layers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalRandomSeed
{
    public const string Name = "Global random seed";
}
