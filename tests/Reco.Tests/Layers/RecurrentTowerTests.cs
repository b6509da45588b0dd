using Reco.Data;
using Reco.Layers;
using static Reco.Tests.Layers.DenseTests;

namespace Reco.Tests.Layers;

public class RecurrentTowerTests
{
    [Fact]
    public void EmbedsEachSequenceByItsGruStateAndSendsGradientsToTheLookedUpRows()
    {
        var lookup = new StringLookup(["m1", "m2", "m3"]);
        var random = new Random(4);
        var embedding = new Embedding(4, 3, ToFloats(Uniform(random, 12)));
        var gru = new Gru(3, 2, seed: 1);
        var tower = new RecurrentTower<string>(lookup, embedding, gru);
        IReadOnlyList<string>[] sequences = [["m1", "m2"], ["m3"], ["m2", "m3", "m1"], []];
        var output = new float[8];
        tower.Forward(sequences, output);

        // The same as the GRU on the gathered embeddings, sequence by sequence.
        for (int i = 0; i < sequences.Length; i++)
        {
            var x = sequences[i].SelectMany(m => embedding[lookup.Lookup(m)].ToArray()).ToArray();
            var alone = new float[2];
            gru.Call(x.Length == 0 ? new float[3] : x, [sequences[i].Count], 1, Math.Max(1, sequences[i].Count), alone);
            Assert.Equal(alone[0], output[i * 2], 5);
            Assert.Equal(alone[1], output[(i * 2) + 1], 5);
        }

        Assert.Equal([0f, 0f], output[6..]);

        var recorder = new RecordingOptimizer();
        tower.Backward(ToFloats(Uniform(random, 8)), recorder);

        // Rows 1–3 were looked up; the out-of-vocabulary row 0 was not.
        var table = recorder.GradientOf(embedding.Variable);
        Assert.All(table[..3], g => Assert.Equal(0, g));
        Assert.Contains(table[3..], g => g != 0);
        Assert.True(recorder.Stepped(gru.Kernel));
        Assert.Equal(3, recorder.Steps.Count(s => ReferenceEquals(s.Variable, embedding.Variable)));
        Assert.Throws<ArgumentException>(() => new RecurrentTower<string>(lookup, embedding, new Gru(4, 2, seed: 1)));
    }
}
