using Reco.Numerics;

namespace Reco.Tests.Numerics;

/// <summary>The blocked transposition against reading every value at its transposed place (CI reruns it with AVX off).</summary>
public class TransposeTests
{
    [Theory]
    [InlineData(1, 1, 0, 0, 1f)]
    [InlineData(8, 8, 0, 0, 1f)]
    [InlineData(7, 9, 0, 0, 1f)]
    [InlineData(16, 64, 3, 5, 1f)]
    [InlineData(250, 64, 0, 6, 1f)]
    [InlineData(33, 17, 2, 0, -0.5f)]
    [InlineData(64, 24, 0, 0, 4f)]
    public void EveryValueLandsAtItsTransposedPlace(int rows, int columns, int sourcePad, int targetPad, float scale)
    {
        var random = new Random(rows * 100 + columns);
        int ss = columns + sourcePad, ts = rows + targetPad;
        var source = Enumerable.Range(0, rows * ss).Select(_ => random.NextSingle() - 0.5f).ToArray();
        var target = Enumerable.Repeat(float.NaN, columns * ts).ToArray();
        Transpose.Blocked(source, ss, rows, columns, target, ts, scale);
        for (int c = 0; c < columns; c++)
        {
            for (int r = 0; r < ts; r++)
            {
                if (r < rows)
                {
                    Assert.Equal(scale * source[(r * ss) + c], target[(c * ts) + r]);
                }
                else
                {
                    Assert.True(float.IsNaN(target[(c * ts) + r]), "the padding past the rows is not written");
                }
            }
        }
    }

    [Fact]
    public void ATooShortTargetIsRefused() =>
        Assert.Throws<ArgumentException>(() => Transpose.Blocked(new float[64], 8, 8, 8, new float[63], 8));
}
