using Reco.Data;
using Reco.Layers;
using Reco.Layers.Preprocessing;
using static Reco.Tests.Layers.DenseTests;

namespace Reco.Tests.Layers;

/// <summary>A tower over several features of a record (concatenated, then a dense layer) against an independent computation.</summary>
public class FeatureTowerTests
{
    private static readonly (string User, double Time, string Title)[] Records =
    [
        ("a", 1.0, "Toy Story (1995)"),
        ("b", 7.5, "Star Wars (1977)"),
        ("a", 3.0, "Star Trek: Generations"),
        ("c", 9.0, "Unknown words only"),
        ("b", 0.5, string.Empty),
    ];

    [Fact]
    public void ForwardAndGradientsMatchAnIndependentComputationAndFiniteDifferences()
    {
        var random = new Random(9);
        var users = new StringLookup(["a", "b"]);
        var buckets = new Discretization([2.0, 5.0]);
        var normalization = new Normalization();
        normalization.Adapt(Records.Select(r => r.Time));
        var words = new TextVectorization();
        words.Adapt(["Toy Story", "Star Wars", "Star Trek"]);
        var userTable = new Embedding(users.VocabularySize, 2, ToFloats(Uniform(random, users.VocabularySize * 2)));
        var timeTable = new Embedding(buckets.VocabularySize, 2, ToFloats(Uniform(random, buckets.VocabularySize * 2)));
        var wordTable = new Embedding(words.VocabularySize, 2, ToFloats(Uniform(random, words.VocabularySize * 2)));
        var dense = new Dense(7, 3, Activation.Linear, ToFloats(Uniform(random, 21)), ToFloats(Uniform(random, 3)));
        var tower = new Stacked<(string User, double Time, string Title)>(
            new Concatenate<(string User, double Time, string Title)>(
                new Feature<(string User, double Time, string Title), string>(r => r.User, new Sequential<string>(users, userTable)),
                new Feature<(string User, double Time, string Title), double>(r => r.Time, new Sequential<double>(buckets, timeTable)),
                new Feature<(string User, double Time, string Title), double>(r => r.Time, normalization),
                new Feature<(string User, double Time, string Title), string>(r => r.Title, new PooledEmbedding<string>(words.Tokens, wordTable))),
            dense);
        Assert.Equal(3, tower.OutputDim);
        Assert.Equal(5, tower.Variables.Count);

        double[][] parameters = [.. tower.Variables.Select(v => v.Values.ToArray().Select(x => (double)x).ToArray())];
        var c = Uniform(random, Records.Length * 3);
        var output = new float[Records.Length * 3];
        tower.Forward(Records, output);
        var expected = Reference(parameters, users, buckets, normalization, words);
        for (int i = 0; i < output.Length; i++)
        {
            Assert.Equal(expected[i], output[i], 1e-5);
        }

        var called = new float[output.Length];
        tower.Call(Records, called);
        Assert.Equal(output, called);

        var recorder = new RecordingOptimizer();
        tower.Backward(ToFloats(c), recorder);
        for (int v = 0; v < parameters.Length; v++)
        {
            int index = v;
            double Loss(double[] w) => Reference([.. parameters.Select((p, k) => k == index ? w : p)], users, buckets, normalization, words).Select((y, i) => y * c[i]).Sum();
            AssertMatches(FiniteDifferences(parameters[v], Loss), recorder.GradientOf(tower.Variables[v]), $"{tower.Variables[v].Name} of part {v}");
        }

        // The padding row of the word table is never looked up, so it never moves.
        Assert.DoesNotContain(recorder.Steps, s => ReferenceEquals(s.Variable, wordTable.Variable) && s.Offset == 0);
    }

    [Fact]
    public void PooledEmbeddingAveragesAndAnEmptyInputIsZero()
    {
        var table = new Embedding(4, 2, [0f, 0f, 1f, 2f, 3f, 4f, 5f, 6f]);
        var pooled = new PooledEmbedding<int[]>(x => x, table);
        var output = new float[6];
        pooled.Call([[1, 2], [3], []], output);
        Assert.Equal([2f, 3f, 5f, 6f, 0f, 0f], output);
    }

    [Fact]
    public void ConcatenateNeedsParts()
    {
        Assert.Throws<ArgumentException>(() => new Concatenate<string>());
        var lookup = new StringLookup(["x"]);
        var tower = new Concatenate<string>(new Sequential<string>(lookup, new Embedding(2, 3, seed: 1)), new Sequential<string>(lookup, new Embedding(2, 1, seed: 2)));
        Assert.Equal(4, tower.OutputDim);
        Assert.Throws<ArgumentException>(() => tower.Call(["x"], new float[3]));
    }

    /// <summary>Dense(concat(E_u[user], E_t[bucket(time)], (time − μ)/σ, mean(E_w[words]))) in double.</summary>
    private static double[] Reference(double[][] p, StringLookup users, Discretization buckets, Normalization normalization, TextVectorization words)
    {
        double[] eu = p[0], et = p[1], ew = p[2], kernel = p[3], bias = p[4];
        var y = new double[Records.Length * 3];
        for (int r = 0; r < Records.Length; r++)
        {
            var (user, time, title) = Records[r];
            var x = new double[7];
            int u = users.Lookup(user), t = buckets.Lookup(time);
            x[0] = eu[u * 2];
            x[1] = eu[(u * 2) + 1];
            x[2] = et[t * 2];
            x[3] = et[(t * 2) + 1];
            x[4] = (time - normalization.Mean) / Math.Sqrt(normalization.Variance);
            var tokens = words.Tokens(title);
            foreach (int w in tokens)
            {
                x[5] += ew[w * 2] / tokens.Length;
                x[6] += ew[(w * 2) + 1] / tokens.Length;
            }

            for (int j = 0; j < 3; j++)
            {
                double z = bias[j];
                for (int i = 0; i < 7; i++)
                {
                    z += x[i] * kernel[(i * 3) + j];
                }

                y[(r * 3) + j] = z;
            }
        }

        return y;
    }
}
