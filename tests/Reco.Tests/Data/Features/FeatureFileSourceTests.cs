using Reco.Data;
using Reco.Data.Features;
using Reco.Data.Sources.Parquet;

using Reco.Tests.Data.Sources.Text;

namespace Reco.Tests.Data.Features;

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

    [Fact]
    public void WideRowsControlCharactersAndStrayQuotes_FollowTheInteractionRules()
    {
        string wide = TextFiles.Write(_folder, "wide.csv", TextFiles.Lines("id,title", "1,A", "2,Net, The"));
        string control = TextFiles.Write(_folder, "control.csv", TextFiles.Lines("id,title", "a\u0007b,A"));
        string quotes = TextFiles.Write(_folder, "quotes.csv", TextFiles.Lines("id,title", "1,12\" vinyl", "2,\"Net, The\""));
        var title = new FeatureSpec[] { new("title", FeatureKind.Text) };

        Assert.Equal("wide.csv line 3: 3 fields, but the header has 2 (a field holding ',' must be quoted)", Assert.Throws<DataFormatException>(() => FeatureFileSource.Load(wide, "id", title, new IdMap())).Message);
        Assert.Equal("control.csv line 2, column 'id': the id contains the control character U+0007 (character 2); ids must be printable text", Assert.Throws<DataFormatException>(() => FeatureFileSource.Load(control, "id", title, new IdMap())).Message);
        var table = FeatureFileSource.Load(quotes, "id", title, new IdMap());
        Assert.Equal("12\" vinyl", table["title"].ValueOf(0));
        Assert.Equal("Net, The", table["title"].ValueOf(1));
    }
}
