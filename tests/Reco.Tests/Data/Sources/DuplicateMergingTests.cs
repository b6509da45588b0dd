using System.Globalization;
using System.Text;
using Reco.Data.Sources;
using Reco.Data.Sources.Text;

using Reco.Tests.Data.Sources.Text;

namespace Reco.Tests.Data.Sources;

public sealed class DuplicateMergingTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(true, DuplicatePolicy.KeepLast)]
    [InlineData(false, DuplicatePolicy.KeepLast)]
    [InlineData(true, DuplicatePolicy.Sum)]
    [InlineData(false, DuplicatePolicy.Mean)]
    public void RandomData_MatchesAReferenceMerge(bool groupedByUser, DuplicatePolicy policy)
    {
        var random = new Random(11);
        var rows = Enumerable.Range(0, 20_000).Select(i => (User: random.Next(300), Item: random.Next(200), Rating: (float)random.Next(1, 6))).ToList();
        if (groupedByUser)
        {
            rows = [.. rows.Select((r, i) => (r, i)).OrderBy(p => p.r.User).ThenBy(p => p.i).Select(p => p.r)];
        }

        var csv = new StringBuilder("user,item,rating\n");
        foreach (var (u, i, r) in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{u},{i},{r}\n");
        }

        var result = DelimitedTextSource.Load(TextFiles.Write(_folder, "r.csv", csv.ToString()), options: new LoadOptions { Duplicates = policy });

        // Reference: one row per pair, at the pair's last row, in row order.
        var lastRow = new Dictionary<(int, int), int>();
        var values = new Dictionary<(int, int), List<float>>();
        for (int row = 0; row < rows.Count; row++)
        {
            var key = (rows[row].User, rows[row].Item);
            lastRow[key] = row;
            (values.TryGetValue(key, out var list) ? list : values[key] = []).Add(rows[row].Rating);
        }

        var expected = lastRow.OrderBy(p => p.Value).Select(p => (p.Key.Item1.ToString(CultureInfo.InvariantCulture), p.Key.Item2.ToString(CultureInfo.InvariantCulture), policy switch
        {
            DuplicatePolicy.Sum => values[p.Key].Sum(),
            DuplicatePolicy.Mean => (float)values[p.Key].Average(v => (double)v),
            _ => values[p.Key][^1],
        })).ToArray();
        var data = result.Interactions;
        var actual = Enumerable.Range(0, data.Count).Select(r => (data.Users[data.UserIndices[r]], data.Items[data.ItemIndices[r]], data.Ratings[r])).ToArray();

        Assert.Equal(expected, actual);
        Assert.Equal(rows.Count - expected.Length, result.Report.DuplicatesMerged);
    }

    [Fact]
    public void SummedRatingsThatOverflowAreAnErrorNamingThePair()
    {
        var path = TextFiles.Write(_folder, "big.csv", "user,item,rating\na,x,3e38\nb,y,1\na,x,3e38\n");
        var error = Assert.Throws<InvalidDataException>(() => DelimitedTextSource.Load(path, options: new LoadOptions { Duplicates = DuplicatePolicy.Sum }));
        Assert.Contains("big.csv", error.Message);
        Assert.Contains("user 'a' and item 'x'", error.Message);

        // Each rating on its own, or kept last, is fine.
        Assert.Contains(3e38f, DelimitedTextSource.Load(path, options: new LoadOptions { Duplicates = DuplicatePolicy.KeepLast }).Interactions.Ratings.ToArray());
    }

    [Fact]
    public void AMinimumRatingMustBeAFiniteNumber()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoadOptions { MinRating = float.NaN });
        Assert.Throws<ArgumentOutOfRangeException>(() => new LoadOptions { MinRating = float.PositiveInfinity });
        Assert.Equal(3.5f, new LoadOptions { MinRating = 3.5f }.MinRating);
    }
}
