using Reco.Data;
using Reco.Data.Sources;

namespace Reco.Tests.Data;

public class DataFingerprintTests
{
    [Fact]
    public void AFilesFingerprintIsItsContents()
    {
        using var folder = new TempDirectory();
        var first = Write(folder, "a.csv", "user,item\n1,2\n");
        var copy = Write(folder, "b.csv", "user,item\n1,2\n");
        var other = Write(folder, "c.csv", "user,item\n1,3\n");

        string fingerprint = DataFingerprint.Of(first, DataFormat.Csv)!;
        Assert.Matches("^sha256:[0-9a-f]{64}$", fingerprint);
        Assert.Equal(fingerprint, DataFingerprint.Of(first, DataFormat.Csv));
        Assert.Equal(fingerprint, DataFingerprint.Of(copy, DataFormat.Csv));
        Assert.NotEqual(fingerprint, DataFingerprint.Of(other, DataFormat.Csv));

        // Appending a byte changes it.
        File.AppendAllText(copy, "\n");
        Assert.NotEqual(fingerprint, DataFingerprint.Of(copy, DataFormat.Csv));
    }

    [Fact]
    public void AFoldersFingerprintCoversEveryFileAndItsName()
    {
        using var one = new TempDirectory();
        using var two = new TempDirectory();
        Write(one, "u.data", "1\t2\t3\t4\n");
        Write(one, "u.item", "2|Heat (1995)\n");
        Write(two, "u.item", "2|Heat (1995)\n");
        Write(two, "u.data", "1\t2\t3\t4\n");

        string fingerprint = DataFingerprint.Of(one.Path, DataFormat.MovieLens)!;
        Assert.Equal(fingerprint, DataFingerprint.Of(two.Path, DataFormat.MovieLens));

        Write(two, "u1.base", string.Empty);
        Assert.NotEqual(fingerprint, DataFingerprint.Of(two.Path, DataFormat.MovieLens));
        File.Delete(two.Combine("u1.base"));
        Assert.Equal(fingerprint, DataFingerprint.Of(two.Path, DataFormat.MovieLens));

        File.Move(two.Combine("u.item"), two.Combine("u.itemx"));
        Assert.NotEqual(fingerprint, DataFingerprint.Of(two.Path, DataFormat.MovieLens));

        Write(one, "u.data", "1\t2\t4\t4\n");
        Assert.NotEqual(fingerprint, DataFingerprint.Of(one.Path, DataFormat.MovieLens));
    }

    [Fact]
    public void QueriesAreFingerprintedByTheirTextAndMissingSourcesHaveNone()
    {
        string query = DataFingerprint.Of("postgres:Host=x", DataFormat.Postgres, "select user_id, item_id from ratings")!;
        Assert.Equal(query, DataFingerprint.Of("postgres:Host=y", DataFormat.Postgres, "select user_id, item_id from ratings"));
        Assert.NotEqual(query, DataFingerprint.Of("postgres:Host=x", DataFormat.Postgres, "select user_id, item_id from ratings where 1=1"));

        using var folder = new TempDirectory();
        Assert.Null(DataFingerprint.Of(folder.Combine("absent.csv"), DataFormat.Csv));
    }

    private static string Write(TempDirectory folder, string name, string text)
    {
        var path = folder.Combine(name);
        File.WriteAllText(path, text);
        return path;
    }
}
