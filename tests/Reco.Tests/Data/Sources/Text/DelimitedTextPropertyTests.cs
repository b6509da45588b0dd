using System.Text;
using Reco.Data;
using Reco.Data.Sources;
using Reco.Data.Sources.Parquet;
using Reco.Data.Sources.Text;

namespace Reco.Tests.Data.Sources.Text;

/// <summary>
/// The parallel text parser against <see cref="ReferenceCsv"/> on many generated files: quotes in odd
/// places, delimiters and line breaks in quoted fields, empty fields, CRLF, byte-order marks, with and
/// without a header, malformed rows, cut into many ranges, blocks and buffers.
/// </summary>
public sealed class DelimitedTextPropertyTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1, 120)]
    [InlineData(2, 120)]
    [InlineData(3, 120)]
    public void GeneratedFiles_ReadAsTheReferenceReaderReadsThem(int seed, int files)
    {
        var random = new Random(seed);
        int compared = 0;
        int withErrors = 0;
        for (int f = 0; f < files; f++)
        {
            var file = TextFileGenerator.Generate(random);
            Compare(file, random, $"seed {seed} file {f}");
            compared++;
            if (file.Expected.Bad.Count > 0 || file.Expected.FatalLine is not null)
            {
                withErrors++;
            }
        }

        // The generator must exercise both clean and malformed input.
        Assert.InRange(withErrors, files / 10, files - (files / 10));
        Assert.Equal(files, compared);
    }

    [Fact]
    public void StrayQuotes_InUnquotedFields_AreOrdinaryCharacters()
    {
        const int Rows = 100_000;
        var text = new StringBuilder("user,item,rating,title\n");
        for (int i = 0; i < Rows; i++)
        {
            text.Append(i % 977).Append(',').Append(i % 313).Append(",4,");
            text.Append(i % 10 == 0 ? "12\" vinyl" : i % 7 == 0 ? "say \"hi\" twice" : "plain").Append('\n');
        }

        string path = TextFiles.Write(_folder, "vinyl.csv", text.ToString());

        foreach (var chunking in new[] { TextChunking.Default, new TextChunking(64 << 10, 7, 4 << 10, 8 << 10) })
        {
            var result = DelimitedTextSource.Load(path, null, new LoadOptions { Duplicates = DuplicatePolicy.KeepAll }, chunking);
            Assert.Equal(Rows, result.Report.RowsRead);
            Assert.Equal(Rows, result.Report.RowsKept);
            Assert.Equal(0, result.Report.RowsSkipped);
        }
    }

    [Fact]
    public void UnclosedQuote_IsAnErrorOnTheLineOfTheQuote_EvenWhenSkippingBadRows()
    {
        string path = TextFiles.Write(_folder, "open.csv", TextFiles.Lines("user,item,rating", "1,2,3", "1,\"3,4", "2,4,5", "3,5,1"));

        var error = Assert.Throws<DataFormatException>(() => DelimitedTextSource.Load(path));
        var skipping = Assert.Throws<DataFormatException>(() => DelimitedTextSource.Load(path, options: new LoadOptions { SkipBadRows = true }));

        Assert.Equal("open.csv line 3: a quoted field starts here and is never closed (a field that begins with a quote must end with one)", error.Message);
        Assert.Equal(error.Message, skipping.Message);
    }

    [Fact]
    public void TooManyFields_IsABadRowNamingTheLine()
    {
        string path = TextFiles.Write(_folder, "wide.csv", TextFiles.Lines("user,item,rating", "1,2,3", "1,2,3,4", "2,\"a,b\",5"));

        var error = Assert.Throws<DataFormatException>(() => DelimitedTextSource.Load(path));
        var skipped = DelimitedTextSource.Load(path, options: new LoadOptions { SkipBadRows = true });

        Assert.Equal("wide.csv line 3: 4 fields, but the header has 3 (a field holding ',' must be quoted)", error.Message);
        Assert.Equal(["1", "2"], skipped.Interactions.Users.Ids);
        Assert.Equal(["2", "a,b"], skipped.Interactions.Items.Ids);
        Assert.Equal(3, skipped.Report.RowsRead);
    }

    [Theory]
    [InlineData("\"ab\"cd", "abcd")]
    [InlineData("\"ab\"c\"d", "abc\"d")]
    [InlineData("a\"b", "a\"b")]
    [InlineData("\"a\"\"b\"", "a\"b")]
    [InlineData("\"a::b\"", "a::b")]
    [InlineData("\"a\nb\"x", "a\nb" + "x")]
    public void QuoteRules_MatchPythonsCsvModule(string field, string expected)
    {
        var records = ReferenceCsv.Records(Encoding.UTF8.GetBytes($"{field}::z\n"), "::"u8.ToArray()).ToList();
        var splitter = new RecordSplitter("::"u8.ToArray());
        var fields = new FieldRef[4];
        byte[] data = Encoding.UTF8.GetBytes($"{field}::z\n");

        Assert.Equal(RecordStatus.Complete, splitter.SplitQuoted(data, true, false, fields, out int count, out _, out _));
        Assert.Equal(2, count);
        Assert.Equal(expected, Encoding.UTF8.GetString(splitter.Get(data, fields[0])));
        Assert.Equal(expected, Encoding.UTF8.GetString(records.Single().Fields[0]));
    }

    /// <summary>Inputs on which the parser once disagreed with the reference reader, each checked under every chunking.</summary>
    [Theory]
    [InlineData("reopened-quote-across-blocks", ";", true, "user;rating;note;item\n1;3;x;2\n80;3.5;\"\r\nra\nhed \"\"\"\"\";\"ec\n", "rating")]
    [InlineData("carriage-return-lines", "\t", false, "\r\r\n130\ta\t3.5\n66\t185\t4\n", "3")]
    [InlineData("blank-line-of-delimiters", "\t", false, "1\t2\t3\n\t\t\n4\t5\t6\n", "3")]
    [InlineData("quote-closed-then-opened-in-one-record", ",", true, "user,item,rating,a,b\n1,2,3,\"x\n\ny\",\"z\n1,2,3,4,5\n", "rating")]
    [InlineData("header-field-with-line-break", ",", true, "user,item,\"rat\ning\"\n1,2,3\n", "rat\ning")]
    [InlineData("first-record-too-wide", "|", false, "\n1|2|3\n", "3")]
    public void Regressions_ReadAsTheReferenceReaderReadsThem(string name, string delimiter, bool header, string content, string rating)
    {
        if (name == "first-record-too-wide")
        {
            // Found by afl-fuzz: a first record of more than 4,096 fields (here on line 2).
            content = "\n" + string.Join(delimiter, Enumerable.Range(0, 5000)) + content;
        }

        byte[] bytes = Encoding.UTF8.GetBytes(content);
        byte[] separator = Encoding.UTF8.GetBytes(delimiter);
        var names = header ? ReferenceCsv.Records(bytes, separator).First().Fields.Select(f => Encoding.UTF8.GetString(f)).ToList() : ["1", "2", "3"];
        var mapping = header ? new ColumnMapping("user", "item", rating) : new ColumnMapping("1", "2", "3");
        var expected = ReferenceCsv.Read(bytes, separator, header, names.IndexOf(mapping.User), names.IndexOf(mapping.Item), names.IndexOf(rating), -1);
        Compare(new GeneratedFile(bytes, delimiter, header, mapping, expected), new Random(name.Length), name);
    }

    private void Compare(GeneratedFile file, Random random, string what)
    {
        string path = Path.Combine(_folder.Path, $"g{random.Next()}.txt");
        File.WriteAllBytes(path, file.Bytes);
        var format = new TextFormat { Delimiter = file.Delimiter, HasHeader = file.Header };
        var options = new LoadOptions
        {
            Columns = file.Mapping,
            SkipBadRows = true,
            MaxBadRowExamples = int.MaxValue,
            Duplicates = DuplicatePolicy.KeepAll,
            Feedback = FeedbackKind.Explicit,
        };
        var chunkings = new[]
        {
            TextChunking.Default,
            new TextChunking(random.Next(16, 400), random.Next(2, 9), random.Next(8, 200), random.Next(4, 100)),
            new TextChunking(1, 64, 1, 1),
        };
        foreach (var chunking in chunkings)
        {
            string where = $"{what}, chunking {chunking}: base64 {Convert.ToBase64String(file.Bytes)}";
            Check(() => DelimitedTextSource.Load(path, format, options, chunking), file, skipping: true, where);
            Check(() => DelimitedTextSource.Load(path, format, options with { SkipBadRows = false }, chunking), file, skipping: false, where);
        }

        Assert.Equal(file.Bytes, File.ReadAllBytes(path));
    }

    private static void Check(Func<LoadResult> load, GeneratedFile file, bool skipping, string where)
    {
        string? mismatch = ReferenceCheck.Compare(load, file.Expected, file.Mapping, skipping);
        Assert.True(mismatch is null, $"{mismatch}; {where}");
    }
}
