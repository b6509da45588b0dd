using Reco.Losses;
using static Reco.Tests.Layers.DenseTests;

namespace Reco.Tests.Losses;

public class RankingLossTests
{
    public static TheoryData<string, int, int> Cases => new()
    {
        { "mse", 1, 7 },
        { "mse", 5, 3 },
        { "hinge", 5, 4 },
        { "hinge", 2, 6 },
        { "listmle", 5, 4 },
        { "listmle", 3, 6 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GradientsMatchCentralFiniteDifferencesOfAnIndependentComputation(string name, int listSize, int lists)
    {
        var random = new Random((listSize * 10) + lists);
        var scores = Uniform(random, listSize * lists).Select(s => s * 3).ToArray();

        // Distinct labels (no ties) so that ListMLE's order does not depend on the tie shuffle.
        var labels = new double[scores.Length];
        for (int l = 0; l < lists; l++)
        {
            var order = Enumerable.Range(1, listSize).OrderBy(_ => random.Next()).ToArray();
            for (int i = 0; i < listSize; i++)
            {
                labels[(l * listSize) + i] = order[i];
            }
        }

        RankingLoss loss = name switch
        {
            "mse" => new MeanSquaredError(),
            "hinge" => new PairwiseHingeLoss(),
            _ => new ListMleLoss(seed: 1),
        };
        Func<double[], double> reference = name switch
        {
            "mse" => s => s.Select((v, i) => (v - labels[i]) * (v - labels[i])).Sum() / s.Length,
            "hinge" => s => Hinge(s, labels, listSize),
            _ => s => ListMle(s, labels, listSize),
        };

        var gradient = new float[scores.Length];
        double value = loss.Compute(ToFloats(scores), ToFloats(labels), listSize, gradient);
        Assert.Equal(reference(scores), value, 4);
        var expected = FiniteDifferences(scores, reference);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - gradient[i]) <= 1e-4 * (1 + Math.Abs(expected[i])), $"{name}[{i}]: finite differences {expected[i]}, backward {gradient[i]}");
        }

        // The loss alone, without a gradient buffer.
        Assert.Equal(value, loss.Compute(ToFloats(scores), ToFloats(labels), listSize, default), 6);
    }

    [Fact]
    public void MatchTensorFlowRankingsDocumentedValues()
    {
        // tfr.keras.losses: y_true [[1, 0]], y_pred [[0.6, 0.8]] → pairwise hinge 0.6, ListMLE 0.7981389.
        Assert.Equal(0.6, new PairwiseHingeLoss().Compute([0.6f, 0.8f], [1f, 0f], 2, default), 6);
        Assert.Equal(0.7981389, new ListMleLoss().Compute([0.6f, 0.8f], [1f, 0f], 2, default), 6);
        Assert.Equal(0.5, new MeanSquaredError().Compute([1f, 2f], [2f, 2f], 1, default), 6);
    }

    [Fact]
    public void ListMleBreaksTiesInASeededRandomOrder()
    {
        // Equal labels: the loss is that of one of the two orders, the same for the same seed.
        float[] scores = [2f, -1f];
        float[] labels = [3f, 3f];
        double a = ListMle([2, -1], [2, 1], 2), b = ListMle([2, -1], [1, 2], 2);
        var values = Enumerable.Range(0, 20).Select(seed => new ListMleLoss(seed).Compute(scores, labels, 2, default)).ToArray();
        Assert.All(values, v => Assert.True(Math.Abs(v - a) < 1e-6 || Math.Abs(v - b) < 1e-6));
        Assert.Contains(values, v => Math.Abs(v - a) < 1e-6);
        Assert.Contains(values, v => Math.Abs(v - b) < 1e-6);
        Assert.Equal(new ListMleLoss(3).Compute(scores, labels, 2, default), new ListMleLoss(3).Compute(scores, labels, 2, default));
    }

    [Fact]
    public void ShapesAreChecked()
    {
        Assert.Throws<ArgumentException>(() => new MeanSquaredError().Compute([1f, 2f], [1f], 1, default));
        Assert.Throws<ArgumentException>(() => new PairwiseHingeLoss().Compute([1f, 2f, 3f], [1f, 2f, 3f], 2, default));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ListMleLoss().Compute([1f], [1f], 0, default));
    }

    private static double Hinge(double[] s, double[] y, int size)
    {
        double total = 0;
        int lists = s.Length / size;
        for (int l = 0; l < lists; l++)
        {
            for (int i = 0; i < size; i++)
            {
                for (int j = 0; j < size; j++)
                {
                    int a = (l * size) + i, b = (l * size) + j;
                    if (y[a] > y[b])
                    {
                        total += Math.Max(0, 1 - (s[a] - s[b]));
                    }
                }
            }
        }

        return total / (lists * size);
    }

    private static double ListMle(double[] s, double[] y, int size)
    {
        double total = 0;
        int lists = s.Length / size;
        for (int l = 0; l < lists; l++)
        {
            var order = Enumerable.Range(l * size, size).OrderByDescending(i => y[i]).ToArray();
            for (int i = 0; i < size; i++)
            {
                total += Math.Log(order[i..].Sum(j => Math.Exp(s[j]))) - s[order[i]];
            }
        }

        return total / lists;
    }
}
