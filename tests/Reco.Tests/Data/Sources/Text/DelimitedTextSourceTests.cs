using System.Text;
using Reco.Data;
using Reco.Data.Sources;
using Reco.Data.Sources.Parquet;
using Reco.Data.Sources.Text;

namespace Reco.Tests.Data.Sources.Text;

public sealed class DelimitedTextSourceTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void CsvWithHeader_DetectsColumnsAndKeepsOrderOfFirstAppearance()
    {
        string path = TextFiles.Write(_folder, "ratings.csv", TextFiles.Lines(
            "userId,movieId,rating,timestamp",
            "7,10,4.5,1000",
            "3,20,3,1001",
            "7,20,1.5,1002"));

        var result = DelimitedTextSource.Load(path);
        var data = result.Interactions;

        Assert.Equal(["7", "3"], data.Users.Ids);
        Assert.Equal(["10", "20"], data.Items.Ids);
        Assert.Equal([0, 1, 0], data.UserIndices.ToArray());
        Assert.Equal([0, 1, 1], data.ItemIndices.ToArray());
        Assert.Equal([4.5f, 3f, 1.5f], data.Ratings.ToArray());
        Assert.Equal([1000L, 1001, 1002], data.Timestamps.ToArray());
        Assert.Equal(new ColumnMapping("userId", "movieId", "rating", "timestamp"), result.Report.Columns);
        Assert.Equal(FeedbackKind.Explicit, result.Report.Feedback);
        Assert.Equal(3, result.Report.RowsRead);
        Assert.Equal(3, result.Report.RowsKept);
    }

    [Fact]
    public void TsvWithoutHeader_NamesColumnsByPosition()
    {
        string path = TextFiles.Write(_folder, "u.tsv", TextFiles.Lines("1\ta\t5", "2\tb\t4"));

        var result = DelimitedTextSource.Load(path, TextFormat.Tsv with { HasHeader = false });

        Assert.Equal(["a", "b"], result.Interactions.Items.Ids);
        Assert.Equal([5f, 4f], result.Interactions.Ratings.ToArray());
        Assert.False(result.Interactions.HasTimestamps);
        Assert.Equal(new ColumnMapping("1", "2", "3"), result.Report.Columns);
    }

    [Fact]
    public void QuotedFields_FollowRfc4180()
    {
        string path = TextFiles.Write(_folder, "quoted.csv", TextFiles.Lines(
            "user,item,rating,note",
            "\"Smith, Ann\",\"say \"\"hi\"\"\",4,\"two",
            "lines\"",
            "\"007\",x,5,plain") + "bob,y,abc,z\n");
        var error = Assert.Throws<DataFormatException>(() => DelimitedTextSource.Load(path));
        Assert.Equal("quoted.csv line 5, column 'rating': 'abc' is not a finite number", error.Message);

        var result = DelimitedTextSource.Load(path, options: new LoadOptions { SkipBadRows = true });

        Assert.Equal(["Smith, Ann", "007"], result.Interactions.Users.Ids);
        Assert.Equal(["say \"hi\"", "x"], result.Interactions.Items.Ids);
        Assert.Equal(5, result.Report.BadRowExamples.Single().Number);
    }

    [Fact]
    public void CrLfByteOrderMarkAndIsoTimes_AreRead()
    {
        string path = TextFiles.Write(_folder, "events.csv", "\uFEFFuser,item,time\r\n1,2,2024-01-02T03:04:05Z\r\n1,3,2024-01-02T04:04:05+01:00\r\n1,4,2024-01-02\r\n", new UTF8Encoding(true));

        var result = DelimitedTextSource.Load(path);

        long t = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).ToUnixTimeSeconds();
        Assert.Equal([t, t, new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()], result.Interactions.Timestamps.ToArray());
        Assert.Equal(FeedbackKind.Implicit, result.Report.Feedback);
    }

    [Fact]
    public void MalformedRow_StopsWithFileLineAndColumn()
    {
        string path = TextFiles.Write(_folder, "bad.csv", TextFiles.Lines("user,item,rating", "1,2,5", "", "1,3,five"));

        var error = Assert.Throws<DataFormatException>(() => DelimitedTextSource.Load(path));

        Assert.Equal("bad.csv line 4, column 'rating': 'five' is not a finite number", error.Message);
        Assert.Equal(4, error.LineNumber);
        Assert.Equal("rating", error.Column);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e39")]
    public void NonFiniteRatings_AreBadRows(string rating)
    {
        string path = TextFiles.Write(_folder, "nan.csv", TextFiles.Lines("user,item,rating", $"1,2,{rating}"));

        var error = Assert.Throws<DataFormatException>(() => DelimitedTextSource.Load(path));

        Assert.Contains("line 2, column 'rating'", error.Message);
        Assert.Contains("not a finite number", error.Message);
    }

    [Fact]
    public void TooFewFieldsAndEmptyIds_AreBadRows()
    {
        string path = TextFiles.Write(_folder, "short.csv", TextFiles.Lines("user,item,rating", "1,2", ",3,4", "1,,4", "2,5,3"));

        var result = DelimitedTextSource.Load(path, options: new LoadOptions { SkipBadRows = true });

        Assert.Equal(
            [
                "short.csv line 2: expected at least 3 fields separated by ',', found 2",
                "short.csv line 3, column 'user': the id is empty",
                "short.csv line 4, column 'item': the id is empty",
            ],
            result.Report.BadRowExamples.Select(r => r.ToString()));
        Assert.Equal(4, result.Report.RowsRead);
        Assert.Equal(3, result.Report.RowsSkipped);
        Assert.Equal(1, result.Report.RowsKept);
        Assert.Contains("3 skipped as malformed", result.Report.ToText());
        Assert.Contains("skipped short.csv line 4, column 'item': the id is empty", result.Report.ToText());
    }

    [Fact]
    public void SkipBadRows_ReportsTheCountAndOnlyTheFirstExamples()
    {
        var lines = new List<string> { "user,item,rating" };
        for (int i = 0; i < 30; i++)
        {
            lines.Add(i % 2 == 0 ? $"{i},1,x" : $"{i},1,3");
        }

        string path = TextFiles.Write(_folder, "many.csv", TextFiles.Lines([.. lines]));

        var report = DelimitedTextSource.Load(path, options: new LoadOptions { SkipBadRows = true, MaxBadRowExamples = 3 }).Report;

        Assert.Equal(15, report.RowsSkipped);
        Assert.Equal([2L, 4, 6], report.BadRowExamples.Select(r => r.Number));
        Assert.Contains("… and 12 more skipped rows.", report.ToText());
        Assert.Equal(report.RowsRead, report.RowsKept + report.RowsSkipped + report.RowsBelowThreshold + report.DuplicatesMerged);
    }

    [Fact]
    public void EmptyInputs_AreErrors()
    {
        string empty = TextFiles.Write(_folder, "empty.csv", "");
        string headerOnly = TextFiles.Write(_folder, "header.csv", "user,item\n\n");
        string allBad = TextFiles.Write(_folder, "allbad.csv", TextFiles.Lines("user,item,rating", "1,2,x"));

        Assert.Equal("empty.csv gives no interactions: it is empty.", Assert.Throws<InvalidDataException>(() => DelimitedTextSource.Load(empty)).Message);
        Assert.Equal("header.csv gives no interactions: it has no data rows.", Assert.Throws<InvalidDataException>(() => DelimitedTextSource.Load(headerOnly)).Message);
        var error = Assert.Throws<InvalidDataException>(() => DelimitedTextSource.Load(allBad, options: new LoadOptions { SkipBadRows = true }));
        Assert.Contains("all 1 rows were left out (1 malformed", error.Message);
    }

    [Fact]
    public void MissingColumn_ListsTheColumns()
    {
        string path = TextFiles.Write(_folder, "cols.csv", TextFiles.Lines("who,what", "1,2"));

        var detect = Assert.Throws<InvalidDataException>(() => DelimitedTextSource.Load(path));
        var named = Assert.Throws<InvalidDataException>(() => DelimitedTextSource.Load(path, options: new LoadOptions { Columns = new("who", "item") }));

        Assert.Contains("cannot tell which columns hold users and items (columns: who, what)", detect.Message);
        Assert.Equal("cols.csv has no column 'item' for the item id; its columns are: who, what.", named.Message);
    }

    [Fact]
    public void Encodings_Latin1IdsDecodeAndInvalidUtf8IsABadRow()
    {
        string path = TextFiles.Write(_folder, "latin.csv", TextFiles.Lines("user,item", "1,Señorita"), Encoding.Latin1);

        var asLatin1 = DelimitedTextSource.Load(path, TextFormat.Csv with { Encoding = TextDecoding.Parse("latin1") });
        var asUtf8 = Assert.Throws<DataFormatException>(() => DelimitedTextSource.Load(path));

        Assert.Equal(["Señorita"], asLatin1.Interactions.Items.Ids);
        Assert.Contains("latin.csv line 2, column 'item': 'Se", asUtf8.Message);
        Assert.Contains("is not valid utf-8 text", asUtf8.Message);
        Assert.Equal("Unknown encoding 'ebcdic'; supported: utf-8, latin1.", Assert.Throws<ArgumentException>(() => TextDecoding.Parse("ebcdic")).Message);
    }

    [Fact]
    public void Utf16File_IsRejectedWithAHint()
    {
        string path = TextFiles.Write(_folder, "wide.csv", "user,item\n1,2\n", Encoding.Unicode);
        File.WriteAllBytes(path, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("user,item\n1,2\n")]);

        var error = Assert.Throws<DataFormatException>(() => DelimitedTextSource.Load(path));

        Assert.Equal("wide.csv line 1: the file is UTF-16 encoded; save it as UTF-8 (or latin1)", error.Message);
    }

    [Theory]
    [InlineData(DuplicatePolicy.KeepLast, new[] { 5f, 2f }, 2)]
    [InlineData(DuplicatePolicy.Sum, new[] { 5f, 9f }, 2)]
    [InlineData(DuplicatePolicy.Mean, new[] { 5f, 3f }, 2)]
    [InlineData(DuplicatePolicy.KeepAll, new[] { 4f, 3f, 5f, 2f }, 0)]
    public void Duplicates_FollowThePolicyAndAreCounted(DuplicatePolicy policy, float[] ratings, int merged)
    {
        string path = TextFiles.Write(_folder, "dups.csv", TextFiles.Lines("user,item,rating,timestamp", "1,1,4,10", "1,1,3,11", "2,1,5,12", "1,1,2,13"));

        var result = DelimitedTextSource.Load(path, options: new LoadOptions { Duplicates = policy });

        Assert.Equal(ratings, result.Interactions.Ratings.ToArray());
        Assert.Equal(merged, result.Report.DuplicatesMerged);
        Assert.Equal(4 - merged, result.Report.RowsKept);
        if (policy != DuplicatePolicy.KeepAll)
        {
            // The merged row sits where the pair's last row was, with its time.
            Assert.Equal([12L, 13], result.Interactions.Timestamps.ToArray());
        }
    }

    [Fact]
    public void ImplicitEventsWithoutWeights_SumToCounts()
    {
        string path = TextFiles.Write(_folder, "clicks.csv", TextFiles.Lines("user,item", "a,x", "a,x", "b,x", "a,x"));

        var result = DelimitedTextSource.Load(path);

        Assert.Equal(FeedbackKind.Implicit, result.Report.Feedback);
        Assert.Equal(DuplicatePolicy.Sum, result.Report.Duplicates);
        Assert.Equal(["b", "a"], result.Interactions.UserIndices.ToArray().Select(u => result.Interactions.Users[u]));
        Assert.Equal([1f, 3f], result.Interactions.Ratings.ToArray());
    }

    [Fact]
    public void MinRating_Binarises()
    {
        string path = TextFiles.Write(_folder, "stars.csv", TextFiles.Lines("user,item,rating", "1,1,5", "1,2,3", "2,1,4", "2,2,1"));

        var result = DelimitedTextSource.Load(path, options: new LoadOptions { MinRating = 4 });

        Assert.Equal(FeedbackKind.Implicit, result.Report.Feedback);
        Assert.Equal(2, result.Report.RowsBelowThreshold);
        Assert.Equal([1f, 1f], result.Interactions.Ratings.ToArray());
        Assert.Equal([0, 0], result.Interactions.ItemIndices.ToArray());
        Assert.Contains("2 below the minimum rating", result.Report.ToText());
    }

    [Fact]
    public void ExplicitFeedbackWithoutRatingColumn_IsAnError()
    {
        string path = TextFiles.Write(_folder, "noratings.csv", TextFiles.Lines("user,item", "1,2"));

        var error = Assert.Throws<ArgumentException>(() => DelimitedTextSource.Load(path, options: new LoadOptions { Feedback = FeedbackKind.Explicit }));

        Assert.Contains("explicit feedback needs a rating column", error.Message);
    }

    [Fact]
    public void DoubleColonDelimiter_ReadsMovieLensStyleLines()
    {
        string path = TextFiles.Write(_folder, "ratings.dat", TextFiles.Lines("1::1193::5::978300760", "1::661::3::978302109"));

        var result = DelimitedTextSource.Load(path, new TextFormat { Delimiter = "::", HasHeader = false });

        Assert.Equal(["1193", "661"], result.Interactions.Items.Ids);
        Assert.Equal([978300760L, 978302109], result.Interactions.Timestamps.ToArray());
    }

    [Fact]
    public void LargeFile_ParsedInParallelChunks_MatchesTheRowsAndNumbersLinesAcrossChunks()
    {
        const int Rows = 700_000; // about 14 MB: more than one chunk
        var text = new StringBuilder("user,item,rating,timestamp\n");
        for (int i = 0; i < Rows; i++)
        {
            text.Append(i % 5003).Append(',').Append((i * 7) % 1009).Append(',').Append((i % 10) * 0.5 + 0.5).Append(',').Append(1_000_000 + i).Append('\n');
        }

        string path = TextFiles.Write(_folder, "large.csv", text.ToString());
        var data = DelimitedTextSource.Load(path, options: new LoadOptions { Duplicates = DuplicatePolicy.KeepAll }).Interactions;

        Assert.Equal(Rows, data.Count);
        for (int i = 0; i < Rows; i += 9973)
        {
            Assert.Equal((i % 5003).ToString(System.Globalization.CultureInfo.InvariantCulture), data.Users[data.UserIndices[i]]);
            Assert.Equal(((i * 7) % 1009).ToString(System.Globalization.CultureInfo.InvariantCulture), data.Items[data.ItemIndices[i]]);
            Assert.Equal((float)((i % 10) * 0.5 + 0.5), data.Ratings[i]);
            Assert.Equal(1_000_000 + i, data.Timestamps[i]);
        }

        Assert.Equal(Enumerable.Range(0, 5003).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), data.Users.Ids);

        File.AppendAllText(path, "1,2,3,4\n1,2,bad,4\n");
        var error = Assert.Throws<DataFormatException>(() => DelimitedTextSource.Load(path));
        Assert.Equal(Rows + 3, error.LineNumber);
    }
}
