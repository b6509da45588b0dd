using Reco.Data;
using Reco.Data.Features;

namespace Reco.Tests.Data.Sources;

public sealed class FeatureFileSourceTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void ItemFile_GivesCategoricalMultiValuedAndTextFeaturesByItemIndex()
    {
        string path = TextFiles.Write(_folder, "items.csv", TextFiles.Lines(
            "item_id,title,genres,brand",
            "b,\"Bread, sliced\",food|bakery,Acme",
            "a,Apple,food|fruit,",
            "z,Zither,music,Strum"));
        var items = new IdMap(["a", "b"]);

        var table = FeatureFileSource.Load(path, "item_id", [new("title", FeatureKind.Text), new("genres", FeatureKind.MultiValued, "|", "tags"), new("brand", FeatureKind.Categorical)], items);

        Assert.Equal(["a", "b", "z"], items.Ids);
        Assert.Equal("Bread, sliced", table["title"].ValueOf(1));
        Assert.Equal(["food", "fruit"], table["tags"].ValuesOf(0));
        Assert.Empty(table["brand"].ValuesOf(0));
        Assert.Equal(["bakery", "food", "fruit", "music"], table["tags"].Vocabulary());
        Assert.Contains("No feature 'genres'; the features are: title, tags, brand.", Assert.Throws<KeyNotFoundException>(() => table["genres"]).Message);
    }

    [Fact]
    public void RepeatedIdsAndShortRows_AreErrorsWithLines()
    {
        string repeated = TextFiles.Write(_folder, "rep.csv", TextFiles.Lines("id,title", "1,A", "2,B", "1,C"));
        string shortRow = TextFiles.Write(_folder, "short.csv", TextFiles.Lines("id,title", "1"));

        Assert.Equal("rep.csv line 4, column 'id': the id '1' already appeared on line 2", Assert.Throws<DataFormatException>(() => FeatureFileSource.Load(repeated, "id", [new("title", FeatureKind.Text)], new IdMap())).Message);
        Assert.Equal("short.csv line 2: expected at least 2 fields, found 1", Assert.Throws<DataFormatException>(() => FeatureFileSource.Load(shortRow, "id", [new("title", FeatureKind.Text)], new IdMap())).Message);
        Assert.Contains("has no column 'name'", Assert.Throws<InvalidDataException>(() => FeatureFileSource.Load(shortRow, "id", [new("name", FeatureKind.Text)], new IdMap())).Message);
    }
}
