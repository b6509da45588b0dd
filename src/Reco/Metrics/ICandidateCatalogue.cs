using Reco.Layers;

namespace Reco.Metrics;

/// <summary>A metric that ranks positives among a catalogue of candidates embedded by a candidate tower.</summary>
internal interface ICandidateCatalogue<TCandidate>
{
    /// <summary>Whether it embeds its catalogue with <paramref name="candidateModel"/>.</summary>
    bool Uses(ITower<TCandidate> candidateModel);

    /// <summary>The candidates of the catalogue.</summary>
    IReadOnlyList<TCandidate> Candidates { get; }

    /// <summary>The catalogue column of <paramref name="candidate"/> (its first occurrence), or −1.</summary>
    int ColumnOf(TCandidate candidate);
}
