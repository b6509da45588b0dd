using System.Security.Cryptography;
using Reco.Indexes;

namespace Reco.Tests.Indexes;

public class IndexedVectorsTests
{
    public static TheoryData<string> Kinds => IndexReference.Kinds();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AnIndexImportsForTheVectorsItWasBuiltFromAndAnswersAsBefore(string kind)
    {
        var data = SyntheticEmbeddings.Generate(500, 8, seed: 3);
        var queries = data.Queries(5, seed: 4);
        using var index = IndexReference.Build(kind, data.Items, 8);
        using var loaded = IndexedVectors.Import(IndexedVectors.Record(index.Export(), IndexedVectors.Fingerprint(data.Items)), data.Items, 8).Index;
        Assert.Equal(index.Kind, loaded.Kind);
        var before = index.Search(queries, 10);
        var after = loaded.Search(queries, 10);
        for (int q = 0; q < 5; q++)
        {
            Assert.Equal(before.Ids(q).ToArray(), after.Ids(q).ToArray());
            Assert.Equal(before.Scores(q).ToArray(), after.Scores(q).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AnIndexOfOtherVectorsIsRefused(string kind)
    {
        var data = SyntheticEmbeddings.Generate(500, 8, seed: 3);
        var other = SyntheticEmbeddings.Generate(500, 8, seed: 8);
        using var index = IndexReference.Build(kind, other.Items, 8);
        var error = Assert.Throws<InvalidDataException>(() => IndexedVectors.Import(index.Export(), data.Items, 8).Index.Dispose());
        Assert.Contains("built from other item vectors (item ", error.Message, StringComparison.Ordinal);

        // An index that records its source's fingerprint says so.
        var recorded = IndexedVectors.Record(index.Export(), IndexedVectors.Fingerprint(other.Items));
        error = Assert.Throws<InvalidDataException>(() => IndexedVectors.Import(recorded, data.Items, 8).Index.Dispose());
        Assert.Contains($"built from other item vectors (SHA-256 {IndexedVectors.Fingerprint(other.Items)[..12]}…, not {IndexedVectors.Fingerprint(data.Items)[..12]}…; item ", error.Message, StringComparison.Ordinal);

        // One coordinate of one item changed beyond rounding is enough.
        var nudged = (float[])data.Items.Clone();
        nudged[(123 * 8) + 5] += 0.01f;
        using var own = IndexReference.Build(kind, data.Items, 8);
        error = Assert.Throws<InvalidDataException>(() => IndexedVectors.Import(own.Export(), nudged, 8).Index.Dispose());
        Assert.Contains("item 123", error.Message, StringComparison.Ordinal);
        Assert.Contains("coordinate 5", error.Message, StringComparison.Ordinal);

        // Vectors that differ only by rounding (a recomputed tower on another CPU) are the same vectors.
        var rounded = (float[])data.Items.Clone();
        rounded[(7 * 8) + 1] = MathF.BitIncrement(rounded[(7 * 8) + 1]);
        var accepted = IndexedVectors.Import(IndexedVectors.Record(own.Export(), IndexedVectors.Fingerprint(data.Items)), rounded, 8);
        accepted.Index.Dispose();
        Assert.False(accepted.Identical);
        Assert.True(IndexedVectors.Import(IndexedVectors.Record(own.Export(), IndexedVectors.Fingerprint(data.Items)), data.Items, 8).Identical);
    }

    [Fact]
    public void ADifferentShapeIsRefusedBeforeAnyComparison()
    {
        var data = SyntheticEmbeddings.Generate(200, 8, seed: 3);
        using var index = ExactIndex.Build(data.Items, 8);
        var error = Assert.Throws<InvalidDataException>(() => IndexedVectors.Import(index.Export(), data.Items.AsSpan(0, 199 * 8), 8).Index.Dispose());
        Assert.Contains("holds 200 items of dimension 8, but the model has 199 of dimension 8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFingerprintIsTheSha256OfTheLittleEndianFloats()
    {
        float[] items = [1f, -2.5f, 0f, 3.25f];
        var bytes = items.SelectMany(v => BitConverter.GetBytes(v).AsEnumerable()).ToArray();
        Assert.True(BitConverter.IsLittleEndian);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), IndexedVectors.Fingerprint(items));
    }
}
