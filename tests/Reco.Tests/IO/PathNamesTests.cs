using Reco.IO;

namespace Reco.Tests.IO;

public class PathNamesTests
{
    [Fact]
    public void LinksAlongThePathAreFollowed()
    {
        var root = TestData.TempDirectory();
        var real = Directory.CreateDirectory(Path.Combine(root, "real", "data")).FullName;
        File.WriteAllText(Path.Combine(real, "x.csv"), "x");
        Directory.CreateSymbolicLink(Path.Combine(root, "a"), "real");                 // relative link
        File.CreateSymbolicLink(Path.Combine(real, "y.csv"), "x.csv");
        Directory.CreateSymbolicLink(Path.Combine(root, "b"), Path.Combine(root, "a", "data")); // a link through a link

        Assert.Equal(Path.Combine(real, "x.csv"), PathNames.Resolve(Path.Combine(root, "a", "data", "x.csv")));
        Assert.Equal(Path.Combine(real, "x.csv"), PathNames.Resolve(Path.Combine(root, "b", "y.csv")));
        Assert.Equal(Path.Combine(real, "new", "z.csv"), PathNames.Resolve(Path.Combine(root, "b", "new", "z.csv")));
        Assert.True(PathNames.Same(Path.Combine(root, "b", "y.csv"), Path.Combine(real, "x.csv")));
    }

    [Fact]
    public void ALoopOfLinksEnds()
    {
        var root = TestData.TempDirectory();
        File.CreateSymbolicLink(Path.Combine(root, "p"), Path.Combine(root, "q"));
        File.CreateSymbolicLink(Path.Combine(root, "q"), Path.Combine(root, "p"));
        Assert.NotNull(PathNames.Resolve(Path.Combine(root, "p")));
    }

    [Fact]
    public void InsideMeansBelowAWholeFolderName()
    {
        Assert.True(PathNames.IsSameOrInside("/data/ml", "/data"));
        Assert.True(PathNames.IsSameOrInside("/data/", "/data"));
        Assert.False(PathNames.IsSameOrInside("/database", "/data"));
        Assert.True(PathNames.IsSameOrInside("/x", "/"));
    }
}
