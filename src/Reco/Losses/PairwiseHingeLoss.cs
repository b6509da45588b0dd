namespace Reco.Losses;

/// <summary>
/// TensorFlow Ranking's pairwise hinge loss: for every pair (i, j) of a list whose labels order i above j,
/// max(0, 1 − (sᵢ − sⱼ)); summed and divided by lists × size, as <c>tfr.keras.losses.PairwiseHingeLoss()</c>
/// reduces it (each item's pairs summed, then the mean over items).
/// </summary>
public sealed class PairwiseHingeLoss : RankingLoss
{
    /// <inheritdoc/>
    public override string Name => "pairwise_hinge";

    /// <inheritdoc/>
    public override double Compute(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels, int listSize, Span<float> gradient)
    {
        int lists = Lists(scores, labels, listSize, gradient);
        double scale = 1.0 / ((double)lists * listSize);
        if (!gradient.IsEmpty)
        {
            gradient[..scores.Length].Clear();
        }

        double loss = 0;
        for (int list = 0; list < lists; list++)
        {
            int start = list * listSize;
            for (int i = start; i < start + listSize; i++)
            {
                for (int j = start; j < start + listSize; j++)
                {
                    if (labels[i] <= labels[j])
                    {
                        continue;
                    }

                    double margin = 1.0 - (scores[i] - scores[j]);
                    if (margin > 0)
                    {
                        loss += margin;
                        if (!gradient.IsEmpty)
                        {
                            gradient[i] -= (float)scale;
                            gradient[j] += (float)scale;
                        }
                    }
                }
            }
        }

        return loss * scale;
    }
}
