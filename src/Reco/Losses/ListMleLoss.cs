namespace Reco.Losses;

/// <summary>
/// TensorFlow Ranking's ListMLE loss: the negative log-likelihood of the labels' order under the
/// Plackett–Luce model of the scores. With the list sorted by label (ties in a random order), the loss of a
/// list is Σᵢ [log Σ_{j≥i} exp(s_j) − sᵢ]; the mean over lists, as <c>tfr.keras.losses.ListMLELoss()</c> reduces it.
/// </summary>
public sealed class ListMleLoss : RankingLoss
{
    private readonly Random _random;

    /// <summary>Creates the loss; <paramref name="seed"/> seeds the order of tied labels.</summary>
    public ListMleLoss(int seed = 0) => _random = new Random(seed);

    /// <inheritdoc/>
    public override string Name => "list_mle";

    /// <inheritdoc/>
    public override double Compute(ReadOnlySpan<float> scores, ReadOnlySpan<float> labels, int listSize, Span<float> gradient)
    {
        int lists = Lists(scores, labels, listSize, gradient);
        Span<int> order = listSize <= 256 ? stackalloc int[listSize] : new int[listSize];
        Span<double> exp = listSize <= 256 ? stackalloc double[listSize] : new double[listSize];
        Span<double> tail = listSize <= 256 ? stackalloc double[listSize] : new double[listSize];
        double loss = 0;
        for (int list = 0; list < lists; list++)
        {
            int start = list * listSize;
            SortByLabel(labels.Slice(start, listSize), order);
            double max = double.NegativeInfinity;
            for (int k = 0; k < listSize; k++)
            {
                max = Math.Max(max, scores[start + k]);
            }

            // tail[i] = Σ_{j≥i} exp(s_π(j) − max), over the list in label order.
            double sum = 0;
            for (int i = listSize - 1; i >= 0; i--)
            {
                exp[i] = Math.Exp(scores[start + order[i]] - max);
                sum += exp[i];
                tail[i] = sum;
            }

            for (int i = 0; i < listSize; i++)
            {
                loss += Math.Log(tail[i]) - (scores[start + order[i]] - max);
            }

            if (gradient.IsEmpty)
            {
                continue;
            }

            // ∂/∂s_π(k) = Σ_{i≤k} exp(s_π(k))/tail[i] − 1.
            double prefix = 0;
            for (int k = 0; k < listSize; k++)
            {
                prefix += 1.0 / tail[k];
                gradient[start + order[k]] = (float)(((exp[k] * prefix) - 1.0) / lists);
            }
        }

        return loss / lists;
    }

    /// <summary>Positions of the list by label, highest first, ties in a random order.</summary>
    private void SortByLabel(ReadOnlySpan<float> labels, Span<int> order)
    {
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        _random.Shuffle(order);

        // A stable insertion sort keeps the shuffled order among equal labels.
        for (int i = 1; i < order.Length; i++)
        {
            int current = order[i];
            int j = i - 1;
            while (j >= 0 && labels[order[j]] < labels[current])
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = current;
        }
    }
}
