using Reco.Data.Sources;

using Reco.Tests.Data.Sources.Text;

namespace Reco.Tests.Data.Sources;

public sealed class DataSpecTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("ratings.csv", DataFormat.Csv)]
    [InlineData("ratings.TSV", DataFormat.Tsv)]
    [InlineData("events.parquet", DataFormat.Parquet)]
    [InlineData("sqlite:data/x.db", DataFormat.Sqlite)]
    [InlineData("postgres:Host=127.0.0.1;Database=reco", DataFormat.Postgres)]
    public void Format_IsInferredFromPrefixOrExtension(string source, DataFormat expected)
    {
        Assert.Equal(expected, new DataSpec { Source = source }.ResolveFormat());
    }

    [Fact]
    public void UnknownExtension_AsksForFormat_AndAMissingSourceSaysSo()
    {
        string path = TextFiles.Write(_folder, "data.bin", "user,item\n1,2\n");

        var error = Assert.Throws<ArgumentException>(() => new DataSpec { Source = path }.ResolveFormat());
        var missing = Assert.Throws<FileNotFoundException>(() => new DataSpec { Source = _folder.Combine("nothing-here") }.ResolveFormat());

        Assert.Contains("--format csv|tsv|parquet", error.Message);
        Assert.EndsWith("nothing-here' does not exist: it is neither a file, a folder nor a data set name (reco datasets list).", missing.Message);
        Assert.Equal(DataFormat.Csv, new DataSpec { Source = "-" }.ResolveFormat());
        Assert.Equal(DataFormat.Tsv, new DataSpec { Source = "plays.tsv.gz" }.ResolveFormat());
    }

    [Fact]
    public void JsonSpec_ResolvesRelativePathsAndOptions()
    {
        TextFiles.Write(_folder, "plays.txt", TextFiles.Lines("u;i;n", "1;a;3", "1;a;2", "2;b;1"));
        string spec = TextFiles.Write(_folder, "spec.json", """
            {
              // comments are allowed
              "source": "plays.txt",
              "format": "csv",
              "delimiter": ";",
              "columns": { "user": "u", "item": "i", "rating": "n" },
              "feedback": "implicit",
              "duplicates": "sum",
            }
            """);

        var loaded = DataLoader.Load(DataSpecFile.Read(spec));

        Assert.Equal([5f, 1f], loaded.Interactions.Ratings.ToArray());
        Assert.Equal(FeedbackKind.Implicit, loaded.Report.Feedback);
        Assert.Equal(1, loaded.Report.DuplicatesMerged);
    }

    [Fact]
    public void JsonSpec_UnknownKeysAndValuesAreErrors()
    {
        string typo = TextFiles.Write(_folder, "typo.json", """{ "source": "x.csv", "colums": {} }""");
        string policy = TextFiles.Write(_folder, "policy.json", """{ "source": "x.csv", "duplicates": "first" }""");
        string nosource = TextFiles.Write(_folder, "nosource.json", """{ "format": "csv" }""");

        Assert.Contains("colums", Assert.Throws<InvalidDataException>(() => DataSpecFile.Read(typo)).Message);
        Assert.Equal("policy.json: Unknown duplicate policy 'first'; expected keep-last, sum, mean or keep-all.", Assert.Throws<InvalidDataException>(() => DataSpecFile.Read(policy)).Message);
        Assert.Equal("nosource.json has no \"source\".", Assert.Throws<InvalidDataException>(() => DataSpecFile.Read(nosource)).Message);
    }
}
