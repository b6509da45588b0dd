using System.Text;
using Reco.Data;
using Reco.Data.MovieLens;

namespace Reco.Tests.Data.MovieLens;

public sealed class MovieLens100KTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_ReadsEveryMovieInFileOrder()
    {
        MovieLensSampleFiles.Write(_folder.Path);

        MovieLens100K data = MovieLens100K.Load(_folder.Path);

        Assert.Equal([1, 2, 3, 4, 5], data.Movies.Select(m => m.ItemId));
        MovieLensMovie toyStory = data.Movies[0];
        Assert.Equal("Toy Story (1995)", toyStory.Title);
        Assert.Equal(new DateOnly(1995, 1, 1), toyStory.ReleaseDate);
        Assert.Equal(["Animation", "Children's", "Comedy"], toyStory.Genres);
    }

    [Fact]
    public void Load_DecodesLatin1TitlesAndSingleDigitDays()
    {
        MovieLensSampleFiles.Write(_folder.Path);

        MovieLensMovie senorita = MovieLens100K.Load(_folder.Path).Movies[1];

        Assert.Equal("Señorita (1999)", senorita.Title);
        Assert.Equal(new DateOnly(1971, 2, 4), senorita.ReleaseDate);
        Assert.Equal(["Drama", "Romance"], senorita.Genres);
    }

    [Fact]
    public void Load_KeepsRepeatedTitlesAndEmptyDates()
    {
        MovieLensSampleFiles.Write(_folder.Path);

        MovieLens100K data = MovieLens100K.Load(_folder.Path);

        Assert.Equal(2, data.Movies.Count(m => m.Title == "Chairman of the Board (1998)"));
        Assert.Null(data.Movies[3].ReleaseDate);
        Assert.Equal(["unknown"], data.Movies[3].Genres);
        Assert.Empty(data.Movies[4].Genres);
    }

    [Fact]
    public void Load_JoinsRatingsWithTitlesInFileOrder()
    {
        MovieLensSampleFiles.Write(_folder.Path);

        MovieLens100K data = MovieLens100K.Load(_folder.Path);

        Assert.Equal(
            [
                new MovieLensRating("196", 2, "Señorita (1999)", 3f, 881250949),
                new MovieLensRating("186", 1, "Toy Story (1995)", 3f, 891717742),
                new MovieLensRating("22", 5, "Chairman of the Board (1998)", 1f, 878887116),
                new MovieLensRating("196", 3, "Chairman of the Board (1998)", 5f, 880606923),
            ],
            data.Ratings);
    }

    [Fact]
    public void Load_AcceptsWindowsLineEndingsAndTrailingBlankLines()
    {
        MovieLensSampleFiles.Write(_folder.Path);
        string crlf = string.Join("\r\n", MovieLensSampleFiles.DataLines) + "\r\n\r\n\n";
        File.WriteAllText(_folder.Combine("u.data"), crlf);

        Assert.Equal(4, MovieLens100K.Load(_folder.Path).Ratings.Count);
    }

    [Fact]
    public void Load_ParsesFractionalRatings()
    {
        MovieLensSampleFiles.Write(_folder.Path, dataLines: ["7\t1\t3.5\t100"]);

        Assert.Equal(3.5f, MovieLens100K.Load(_folder.Path).Ratings[0].Rating);
    }

    [Fact]
    public void Load_UsesGenreNamesFromUGenre()
    {
        MovieLensSampleFiles.Write(_folder.Path, itemLines: ["1|A (2000)|01-Jan-2000||url|1|0|1"], dataLines: ["7\t1\t4\t100"]);
        File.WriteAllText(_folder.Combine("u.genre"), "first|0\nsecond|1\nthird|2\n\n");

        MovieLens100K data = MovieLens100K.Load(_folder.Path);

        Assert.Equal(["first", "second", "third"], data.Genres);
        Assert.Equal(["first", "third"], data.Movies[0].Genres);
        Assert.Equal("A (2000)", Assert.Single(data.Ratings).MovieTitle);
    }

    [Fact]
    public void Load_WithoutUGenre_UsesTheStandardNames()
    {
        MovieLensSampleFiles.Write(_folder.Path);

        Assert.Same(MovieLensGenres.Standard, MovieLens100K.Load(_folder.Path).Genres);
        Assert.Equal(19, MovieLensGenres.Standard.Count);
    }

    [Theory]
    [InlineData("u.data", 2, "196\t1\t3", "expected at least 4 fields separated by '\\t', found 3")]
    [InlineData("u.data", 2, "196\t1\tgood\t881250949", "column '3': 'good' is not a finite number")]
    [InlineData("u.data", 2, "196\t1\tNaN\t881250949", "column '3': 'NaN' is not a finite number")]
    [InlineData("u.data", 2, "196\t1\t3\tyesterday", "column '4': 'yesterday' is neither Unix seconds nor an ISO-8601 time")]
    [InlineData("u.item", 2, "2|Short|01-Jan-1995", "expected 24 pipe-separated fields, found 3")]
    [InlineData("u.item", 2, "two|Title|01-Jan-1995||url|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0", "item id 'two' is not a whole number")]
    [InlineData("u.item", 2, "1|Again|01-Jan-1995||url|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0", "item id 1 is repeated (first on line 1)")]
    [InlineData("u.item", 2, "2|Title|1995-01-01||url|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0", "release date '1995-01-01' is not in dd-MMM-yyyy format")]
    [InlineData("u.item", 2, "2|Title|31-Feb-1995||url|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0", "release date '31-Feb-1995' is not in dd-MMM-yyyy format")]
    [InlineData("u.item", 2, "2|Title|01-Jan-1995||url|0|2|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0", "genre flag '2' for Action must be 0 or 1")]
    public void Load_MalformedLine_NamesFileAndLine(string fileName, int lineNumber, string badLine, string problem)
    {
        string[] goodItems = ["1|Toy Story (1995)|01-Jan-1995||url|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0"];
        string goodRating = "196\t1\t3\t881250949";
        if (fileName == "u.data")
        {
            MovieLensSampleFiles.Write(_folder.Path, goodItems, [goodRating, badLine, goodRating]);
        }
        else
        {
            MovieLensSampleFiles.Write(_folder.Path, [.. goodItems, badLine], [goodRating]);
        }

        DataFormatException error = Assert.Throws<DataFormatException>(() => MovieLens100K.Load(_folder.Path));

        Assert.StartsWith($"{fileName} line {lineNumber}", error.Message);
        Assert.EndsWith(problem, error.Message);
        Assert.EndsWith(fileName, error.FilePath);
        Assert.Equal(lineNumber, error.LineNumber);
    }

    [Fact]
    public void Load_ARatingOfAMovieMissingFromUItemKeepsItsIdAsTitle()
    {
        MovieLensSampleFiles.Write(_folder.Path, dataLines: ["196\t1\t3\t881250949", "196\t99\t3\t881250949"]);

        var data = MovieLens100K.Load(_folder.Path);

        Assert.Equal(2, data.Ratings.Count);
        Assert.Equal(99, data.Ratings[1].ItemId);
        Assert.Equal("99", data.Ratings[1].MovieTitle);
    }

    [Fact]
    public void Load_LineNumbersCountBlankLines()
    {
        MovieLensSampleFiles.Write(_folder.Path, dataLines: ["196\t1\t3\t881250949", "", "196\t1\t3"]);

        DataFormatException error = Assert.Throws<DataFormatException>(() => MovieLens100K.Load(_folder.Path));

        Assert.StartsWith("u.data line 3: expected at least 4 fields", error.Message);
    }

    [Theory]
    [InlineData("Action|0\nAction|0\n", 2, "genre index 0 is repeated (first on line 1)")]
    [InlineData("Action\n", 1, "expected 2 pipe-separated fields, found 1")]
    [InlineData("Action|one\n", 1, "genre index 'one' is not a whole number from 0 to 1023")]
    [InlineData("Action|0\nDrama|2\n", 2, "genre index 1 is missing")]
    [InlineData("\n", 1, "the file lists no genres")]
    public void Load_MalformedUGenre_NamesFileAndLine(string genreFile, int lineNumber, string problem)
    {
        MovieLensSampleFiles.Write(_folder.Path);
        File.WriteAllText(_folder.Combine("u.genre"), genreFile);

        DataFormatException error = Assert.Throws<DataFormatException>(() => MovieLens100K.Load(_folder.Path));

        Assert.Equal($"u.genre line {lineNumber}: {problem}", error.Message);
    }

    [Fact]
    public void Load_MissingDirectory_ExplainsHowToGetTheData()
    {
        string missing = _folder.Combine("nowhere");

        DatasetNotFoundException error = Assert.Throws<DatasetNotFoundException>(() => MovieLens100K.Load(missing));

        Assert.Equal(missing, error.MissingPath);
        Assert.Contains(missing, error.Message);
        Assert.Contains("reco datasets download ml-100k", error.Message);
        Assert.Contains("--data-dir", error.Message);
        Assert.Contains("https://files.grouplens.org/datasets/movielens/ml-100k.zip", error.Message);
    }

    [Theory]
    [InlineData("u.data")]
    [InlineData("u.item")]
    public void Load_MissingFile_NamesTheFile(string fileName)
    {
        MovieLensSampleFiles.Write(_folder.Path);
        File.Delete(_folder.Combine(fileName));

        DatasetNotFoundException error = Assert.Throws<DatasetNotFoundException>(() => MovieLens100K.Load(_folder.Path));

        Assert.Equal(_folder.Combine(fileName), error.MissingPath);
        Assert.Contains("reco datasets download ml-100k", error.Message);
    }

    [Fact]
    public void Load_DoesNotDecodeTitlesAsUtf8()
    {
        // "ñ" in Latin-1 is the single byte 0xF1, which on its own is not valid UTF-8.
        MovieLensSampleFiles.Write(_folder.Path);
        byte[] item = File.ReadAllBytes(_folder.Combine("u.item"));
        Assert.Contains((byte)0xF1, item);
        Assert.NotEqual("Señorita (1999)", Encoding.UTF8.GetString(item).Split('\n')[1].Split('|')[1]);

        Assert.Equal("Señorita (1999)", MovieLens100K.Load(_folder.Path).Movies[1].Title);
    }
}
