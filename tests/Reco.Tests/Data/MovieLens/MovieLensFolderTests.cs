using System.Text;
using Reco.Data;
using Reco.Data.Download;
using Reco.Data.MovieLens;
using Reco.Data.Sources;
using Reco.Data.Sources.Parquet;

namespace Reco.Tests.Data.MovieLens;

public sealed class MovieLensFolderTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Release100K_LoadsRatingsAndEveryMovieWithFeatures()
    {
        string folder = MovieLensSampleFiles.Write(_folder.Path);

        var result = MovieLensFolder.Load(folder);

        Assert.Equal(MovieLensFormat.Tab100K, MovieLensFolder.Detect(folder));
        Assert.Equal(4, result.Interactions.Count);
        Assert.Equal(["1", "2", "3", "4", "5"], result.Interactions.Items.Ids);
        var features = result.ItemFeatures!;
        Assert.Equal("Señorita (1999)", features["title"].ValueOf(1));
        Assert.Equal(["Drama", "Romance"], features["genres"].ValuesOf(1));
        Assert.Equal("1971", features["year"].ValueOf(1));
        Assert.Null(result.UserFeatures);
    }

    [Fact]
    public void Release1M_ReadsDoubleColonFilesInLatin1WithUserFeatures()
    {
        Write("ratings.dat", Encoding.Latin1, "1::1193::5::978300760", "1::661::3::978302109", "2::1193::4::978298413");
        Write("movies.dat", Encoding.Latin1, "661::James and the Giant Peach (1996)::Animation|Children's|Musical", "1193::One Flew Over the Cuckoo's Nest (1975)::Drama", "5::Señor (2000)::Comedy");
        Write("users.dat", Encoding.Latin1, "1::F::1::10::48067", "2::M::56::16::70072");

        var result = MovieLensFolder.Load(_folder.Path);

        Assert.Equal(MovieLensFormat.DoubleColon, MovieLensFolder.Detect(_folder.Path));
        Assert.Equal(["661", "1193", "5"], result.Interactions.Items.Ids);
        Assert.Equal([1, 0, 1], result.Interactions.ItemIndices.ToArray());
        Assert.Equal(["Animation", "Children's", "Musical"], result.ItemFeatures!["genres"].ValuesOf(0));
        Assert.Equal("Señor (2000)", result.ItemFeatures["title"].ValueOf(2));
        var users = result.UserFeatures!;
        Assert.Equal("M", users["gender"].ValueOf(result.Interactions.Users.IndexOf("2")));
        Assert.Equal("48067", users["zip"].ValueOf(result.Interactions.Users.IndexOf("1")));
    }

    [Fact]
    public void Release10M_HalfStarsUtf8TitlesAndNoUsersFile()
    {
        Write("ratings.dat", Encoding.UTF8, "1::122::5::838985046", "1::185::4.5::838983525");
        Write("movies.dat", Encoding.UTF8, "122::Boomerang (1992)::Comedy|Romance", "185::Net, The (1995)::Action|Crime|Thriller", "9::Amélie (2001)::(no genres listed)");

        var result = MovieLensFolder.Load(_folder.Path);

        Assert.Equal([5f, 4.5f], result.Interactions.Ratings.ToArray());
        Assert.Equal("Amélie (2001)", result.ItemFeatures!["title"].ValueOf(2));
        Assert.Empty(result.ItemFeatures["genres"].ValuesOf(2));
        Assert.Null(result.UserFeatures);
    }

    [Fact]
    public void CsvReleases_ReadQuotedTitles()
    {
        Write("ratings.csv", Encoding.UTF8, "userId,movieId,rating,timestamp", "1,1,4.0,964982703", "1,3,4.0,964981247", "2,1,0.5,1445714835");
        Write("movies.csv", Encoding.UTF8, "movieId,title,genres", "1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy", "3,\"American President, The (1995)\",Comedy|Drama|Romance", "4,Nothing (2003),(no genres listed)");

        var result = MovieLensFolder.Load(_folder.Path, new LoadOptions { MinRating = 3.5f });

        Assert.Equal(MovieLensFormat.Csv, MovieLensFolder.Detect(_folder.Path));
        Assert.Equal("American President, The (1995)", result.ItemFeatures!["title"].ValueOf(1));
        Assert.Equal(3, result.Interactions.ItemCount);
        Assert.Equal(2, result.Interactions.Count);
        Assert.Equal(1, result.Report.RowsBelowThreshold);
        Assert.EndsWith("/ratings.csv", result.Report.Source);
    }

    [Fact]
    public void MalformedRatingsLine_NamesFileLineAndColumn()
    {
        Write("ratings.dat", Encoding.Latin1, "1::1193::5::978300760", "1::661::3");
        Write("movies.dat", Encoding.Latin1, "661::James (1996)::Animation", "1193::Nest (1975)::Drama");

        var error = Assert.Throws<DataFormatException>(() => MovieLensFolder.Load(_folder.Path));

        Assert.Equal("ratings.dat line 2: expected at least 4 fields separated by '::', found 3", error.Message);
    }

    [Fact]
    public void NotAMovieLensFolder_IsAClearError()
    {
        var error = Assert.Throws<InvalidDataException>(() => MovieLensFolder.Detect(_folder.Path));

        Assert.Contains("has no u.data, ratings.dat or ratings.csv", error.Message);
    }

    [Fact]
    public void EveryRelease_HasAGroupLensAddressAndAVerification()
    {
        Assert.Equal(
            ["ml-100k", "ml-latest-small", "ml-1m", "ml-10m", "ml-20m", "ml-25m", "ml-32m"],
            MovieLensSources.All.Select(s => s.Name));
        foreach (var source in MovieLensSources.All)
        {
            Assert.Equal($"https://files.grouplens.org/datasets/movielens/{source.Name}.zip", source.ZipUrl.ToString());
            Assert.NotEmpty(source.ExpectedFiles);
        }

        Assert.Equal("ml-10M100K", MovieLensSources.Get("ml-10m").FolderName);
        Assert.True(MovieLensSources.Get("ml-100k").HasChecksums);
        Assert.Throws<DatasetNotFoundException>(() => DatasetCache.Verify(_folder.Path, MovieLensSources.Get("ml-1m")));
    }

    private void Write(string name, Encoding encoding, params string[] lines) =>
        File.WriteAllBytes(_folder.Combine(name), encoding.GetBytes(string.Concat(lines.Select(l => l + "\n"))));
}
